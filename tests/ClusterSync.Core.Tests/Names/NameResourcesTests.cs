using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Tests.Names;

public partial class NameResourcesTests
{
    private static readonly string[] RequiredCountries =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        "GB", "CH", "RS", "BA", "ME", "MK", "UA", "TR", "US",
    ];

    [TestCase(NameResources.ElfCodeList)]
    [TestCase(NameResources.LegalFormAliases)]
    [TestCase(NameResources.GenericNouns)]
    [TestCase(NameResources.StopWords)]
    public void Resource_is_embedded_under_the_Resources_prefix(string path)
    {
        var names = typeof(NameAnalyser).Assembly.GetManifestResourceNames();

        Assert.That(names, Does.Contain("ClusterSync.Core.Resources." + path));
    }

    [Test]
    public void Missing_resource_is_reported_by_name()
    {
        Assert.That(
            () => NameResources.Open("legal-forms/missing.csv"),
            Throws.InvalidOperationException.With.Message.Contains("legal-forms/missing.csv"));
    }

    [Test]
    public void ELF_code_list_is_the_byte_exact_copy_named_in_its_README()
    {
        var readme = string.Join('\n', NameResources.ReadLines("legal-forms/README.md"));
        var stated = Sha256Line().Match(readme).Groups[1].Value;

        using var stream = NameResources.Open(NameResources.ElfCodeList);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));

        Assert.That(actual, Is.EqualTo(stated));
    }

    [TestCaseSource(nameof(RequiredCountries))]
    public void Every_required_country_has_a_legal_form(string country)
    {
        var forms = LegalFormCatalog.Default.CountFor(country);

        Assert.That(forms, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Catalog_loads_the_ELF_list_for_exactly_the_required_countries()
    {
        Assert.That(LegalFormSources.Countries, Is.EquivalentTo(RequiredCountries));
    }

    [Test]
    public void Alias_table_has_at_least_sixty_rows_each_with_a_note()
    {
        var rows = CsvTable.Load(NameResources.LegalFormAliases).Rows;

        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(60).And.All.Matches<string[]>(r => r[4].Length > 0));
    }

    [Test]
    public void Alias_row_without_five_fields_is_rejected_with_its_line_number()
    {
        string[] lines = ["alias,country,abbreviation,elf,note", "GmbH,DE,GmbH,2HBR,ok", "AG,DE"];

        Assert.That(
            () => LegalFormSources.ReadAliases(CsvTable.Parse(string.Join('\n', lines))).ToList(),
            Throws.TypeOf<FormatException>().With.Message.Contains("line 3"));
    }

    [Test]
    public void ELF_list_without_a_needed_column_is_rejected()
    {
        string[] lines = ["\"ELF Code\",\"Country Code (ISO 3166-1)\"", "\"2HBR\",\"DE\""];

        Assert.That(
            () => LegalFormSources.ReadElf(CsvTable.Parse(string.Join('\n', lines)), []).ToList(),
            Throws.TypeOf<FormatException>().With.Message.Contains("Entity Legal Form name Local name"));
    }

    [Test]
    public void Empty_ELF_list_is_rejected()
    {
        Assert.That(() => LegalFormSources.ReadElf(CsvTable.Parse(""), []).ToList(), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Text_after_a_closing_CSV_quote_is_rejected()
    {
        Assert.That(() => CsvTable.Parse("alias,country\n\"GmbH\"x,DE"), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void Unclosed_quoted_CSV_field_is_rejected()
    {
        Assert.That(() => CsvTable.Parse("alias,country\n\"GmbH,DE"), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void CSV_fields_may_hold_quoted_commas_and_quotes()
    {
        var fields = CsvTable.Parse("alias,country,note,elf,x\nmbH,DE,\"as in \"\"Gesellschaft, mbH\"\"\",,x").Rows[0];

        Assert.That(fields, Is.EqualTo(new[] { "mbH", "DE", "as in \"Gesellschaft, mbH\"", "", "x" }));
    }

    [Test]
    public void Generic_noun_list_holds_the_required_nouns_in_folded_form()
    {
        string[] required =
        [
            "association", "associazione", "asociacion", "associacao", "asociatia", "vereniging", "verband",
            "verein", "stowarzyszenie", "udruzenje", "udruga", "sdruzeni", "foundation", "fundacion", "stiftung",
            "fondazione", "fundacja", "cooperative", "society", "institute", "cluster", "chamber", "agency",
            "council", "consortium", "network", "alliance", "partnership", "university",
        ];

        Assert.That(required, Is.All.Matches<string>(w => FoldedWordSet.GenericNouns.Contains(w)));
    }

    [Test]
    public void Stop_words_are_folded_when_loaded()
    {
        Assert.That(new[] { "fur", "kai", "si", "es" }, Is.All.Matches<string>(w => FoldedWordSet.StopWords.Contains(w)));
    }

    [GeneratedRegex("sha256 `([0-9a-f]{64})`")]
    private static partial Regex Sha256Line();
}
