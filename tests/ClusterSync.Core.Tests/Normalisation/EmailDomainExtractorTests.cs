using ClusterSync.Core.Normalisation.Email;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class EmailDomainExtractorTests
{
    private static readonly EmailDomainExtractor Extractor = EmailDomainExtractor.Default;

    [TestCase("info@cluster-example.de", "cluster-example.de")]
    [TestCase("  Office@Cluster-Example.DE ", "cluster-example.de")]
    [TestCase("mailto:info@cluster.example.org", "cluster.example.org")]
    [TestCase("Cluster Office <office@cluster.example.fr>", "cluster.example.fr")]
    [TestCase("info@cluster.rs; office@other.rs", "cluster.rs")]
    [TestCase("kontakt@müller-cluster.de", "müller-cluster.de")]
    [TestCase("kontakt@xn--mller-cluster-wob.de", "müller-cluster.de")]
    public void Extract_keeps_the_domain_of_an_organisation_address(string address, string expected)
    {
        var domain = Extractor.Extract(address);

        Assert.That(domain, Is.EqualTo(expected));
    }

    [TestCase("jane.doe@gmail.com")]
    [TestCase("someone@yahoo.co.uk")]
    [TestCase("someone@yahoo.de")]
    [TestCase("someone@outlook.com")]
    [TestCase("someone@hotmail.fr")]
    [TestCase("someone@gmx.net")]
    [TestCase("someone@web.de")]
    [TestCase("someone@t-online.de")]
    [TestCase("someone@orange.fr")]
    [TestCase("someone@libero.it")]
    [TestCase("someone@wp.pl")]
    [TestCase("someone@seznam.cz")]
    [TestCase("someone@abv.bg")]
    [TestCase("someone@mail.ru")]
    [TestCase("someone@yandex.ru")]
    [TestCase("someone@icloud.com")]
    [TestCase("someone@aol.com")]
    [TestCase("someone@protonmail.com")]
    [TestCase("someone@open.telekom.rs")]
    public void Extract_drops_free_mail_domains(string address)
    {
        var domain = Extractor.Extract(address);

        Assert.That(domain, Is.Null);
    }

    [Test]
    public void Extract_never_keeps_the_local_part()
    {
        var domain = Extractor.Extract("maria.kovacs@cluster-example.hu");

        Assert.That(domain, Does.Not.Contain("maria").And.Not.Contain("@"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("no address")]
    [TestCase("@example.com")]
    [TestCase("info@")]
    [TestCase("info@localhost")]
    [TestCase("info@exa mple.com")]
    [TestCase("info@[192.168.0.1]")]
    [TestCase("info@co.uk")]
    public void Extract_gives_null_for_invalid_addresses(string? address)
    {
        var domain = Extractor.Extract(address);

        Assert.That(domain, Is.Null);
    }
}
