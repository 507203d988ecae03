using System.Text.RegularExpressions;
using ClusterSync.Core.Normalisation.Web;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed partial class PublicSuffixListTests
{
    private static readonly PublicSuffixList List = PublicSuffixList.Default;

    /// <summary>Every <c>checkPublicSuffix(input, expected)</c> line of the list's official test file.</summary>
    public static IEnumerable<TestCaseData> OfficialCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "psl", "test_psl.txt");
        foreach (var line in File.ReadLines(path))
        {
            var match = CheckLine().Match(line);
            if (match.Success)
            {
                yield return new TestCaseData(Argument(match.Groups[1].Value), Argument(match.Groups[2].Value))
                    .SetArgDisplayNames(match.Groups[1].Value, match.Groups[2].Value);
            }
        }
    }

    [TestCaseSource(nameof(OfficialCases))]
    public void GetRegistrableDomain_passes_the_official_test_case(string? domain, string? expected)
    {
        var registrable = List.GetRegistrableDomain(domain);

        Assert.That(registrable, Is.EqualTo(expected));
    }

    [Test]
    public void OfficialCases_are_all_read_from_the_test_file()
    {
        var cases = OfficialCases().Count();

        Assert.That(cases, Is.EqualTo(78));
    }

    [TestCase("example.co.uk", "co.uk")]
    [TestCase("www.example.com", "com")]
    [TestCase("example.unlisted", "unlisted")]
    [TestCase("a.b.c.mm", "c.mm")]
    [TestCase("www.ck", "ck")]
    [TestCase("müller.de", "de")]
    public void GetPublicSuffix_applies_normal_wildcard_exception_and_default_rules(string domain, string expected)
    {
        var suffix = List.GetPublicSuffix(domain);

        Assert.That(suffix, Is.EqualTo(expected));
    }

    [TestCase("user.github.io", "user.github.io")]
    [TestCase("www.user.github.io", "user.github.io")]
    public void GetRegistrableDomain_uses_the_private_section(string domain, string expected)
    {
        var registrable = List.GetRegistrableDomain(domain);

        Assert.That(registrable, Is.EqualTo(expected));
    }

    [TestCase("example..com")]
    [TestCase("example.com.")]
    [TestCase("")]
    public void GetRegistrableDomain_rejects_empty_labels(string domain)
    {
        var registrable = List.GetRegistrableDomain(domain);

        Assert.That(registrable, Is.Null);
    }

    [Test]
    public void Parse_reads_rules_of_both_sections()
    {
        var list = PublicSuffixList.Parse("// ===BEGIN ICANN DOMAINS===\nuk\nco.uk\n// ===BEGIN PRIVATE DOMAINS===\n*.example.uk\n!www.example.uk\n");

        Assert.Multiple(() =>
        {
            Assert.That(list.GetRegistrableDomain("a.b.example.uk"), Is.EqualTo("a.b.example.uk"));
            Assert.That(list.GetRegistrableDomain("www.example.uk"), Is.EqualTo("www.example.uk"));
            Assert.That(list.RuleCount, Is.EqualTo(4));
        });
    }

    private static string? Argument(string text) => text == "null" ? null : text.Trim('\'');

    [GeneratedRegex(@"^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);")]
    private static partial Regex CheckLine();
}
