using ClusterSync.Core.Normalisation.Phones;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class PhoneNormaliserTests
{
    private static readonly PhoneNormaliser Phones = PhoneNormaliser.Default;

    [TestCase("(202) 456-1111", "US", "+12024561111")]
    [TestCase("+1 617 495 1000", "DE", "+16174951000")]
    [TestCase("030 12345678", "DE", "+493012345678")]
    [TestCase("+49 (0)89 2180-0", "DE", "+498921800")]
    [TestCase("011 3234567", "RS", "+381113234567")]
    [TestCase("+381 11 3234567", null, "+381113234567")]
    [TestCase("210 1234567", "GR", "+302101234567")]
    [TestCase("0030 210 1234567", "GR", "+302101234567")]
    public void ToE164_formats_national_and_international_numbers(string phone, string? country, string expected)
    {
        var e164 = Phones.ToE164(phone, country);

        Assert.That(e164, Is.EqualTo(expected));
    }

    [Test]
    public void ToE164_drops_an_extension_and_keeps_the_first_of_several_numbers()
    {
        var e164 = Phones.ToE164("(202) 456-1111 ext. 12; (202) 456-1414", "US");

        Assert.That(e164, Is.EqualTo("+12024561111"));
    }

    [TestCase(null, "US")]
    [TestCase("", "US")]
    [TestCase("n/a", "US")]
    [TestCase("123", "US")]
    [TestCase("555-0000", "US")]
    [TestCase("030 1", "DE")]
    [TestCase("0301234567", null)]
    public void ToE164_gives_null_for_invalid_numbers(string? phone, string? country)
    {
        var e164 = Phones.ToE164(phone, country);

        Assert.That(e164, Is.Null);
    }
}
