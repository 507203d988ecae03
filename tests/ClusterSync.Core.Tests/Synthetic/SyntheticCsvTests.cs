using ClusterSync.Synthetic;
using nietras.SeparatedValues;

namespace ClusterSync.Core.Tests.Synthetic;

public class SyntheticCsvTests
{
    private static readonly string[] ResolveColumns =
        ["id", "name", "acronym", "country", "region", "city", "postal_code", "street", "website", "email", "phone", "lat", "lon", "sectors", "founded"];

    [Test]
    public void Header_lists_every_resolve_column_in_order()
    {
        var header = Write([], includeTruth: false).Split("\r\n")[0];

        Assert.That(header.Split(','), Is.EqualTo(ResolveColumns));
    }

    [Test]
    public void Labelled_header_ends_with_true_cluster()
    {
        var header = Write([], includeTruth: true).Split("\r\n")[0];

        Assert.That(header.Split(','), Is.EqualTo(ResolveColumns.Append("true_cluster")));
    }

    [Test]
    public void Quotes_fields_holding_commas_quotes_or_line_breaks_and_doubles_inner_quotes()
    {
        var record = new SyntheticRecord
        {
            Id = "r1",
            Name = "Cluster \"Nord\", e.V.",
            Street = "Line one\r\nLine two",
            Sectors = "eu-ecosystem:Mobility, Transport, Automotive",
            TrueCluster = "e1",
        };

        var line = Write([record], includeTruth: true).Split("\r\n", 2)[1];

        Assert.That(line, Is.EqualTo(
            "r1,\"Cluster \"\"Nord\"\", e.V.\",,,,,,\"Line one\r\nLine two\",,,,,,\"eu-ecosystem:Mobility, Transport, Automotive\",,e1\r\n"));
    }

    [Test]
    public void Writes_numbers_in_invariant_culture_and_empty_cells_for_missing_values()
    {
        var record = new SyntheticRecord { Id = "r2", Latitude = 48.137431, Longitude = -11.5, Founded = 1999, TrueCluster = "e2" };

        var line = Write([record], includeTruth: false).Split("\r\n")[1];

        Assert.That(line, Is.EqualTo("r2,,,,,,,,,,,48.13743,-11.5,,1999"));
    }

    [Test]
    public void Generated_records_round_trip_through_an_RFC_4180_reader()
    {
        var tricky = new SyntheticRecord
        {
            Id = "x",
            Name = "A \"quoted\", multi\nline name",
            City = " padded ",
            Sectors = "nace2:26.70",
            TrueCluster = "e9",
        };
        List<SyntheticRecord> records = [.. SyntheticDirectory.Generate(new SyntheticOptions { Count = 3_000, Seed = 5 }), tricky];

        var text = Write(records, includeTruth: true);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(text);
        var read = new List<string[]>();
        string[] columns = [.. ResolveColumns, "true_cluster"];
        foreach (var row in reader)
        {
            var fields = new string[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                fields[i] = row[columns[i]].ToString();
            }

            read.Add(fields);
        }

        Assert.That(read, Has.Count.EqualTo(records.Count));
        Assert.That(read.Select(r => r[1]), Is.EqualTo(records.Select(r => r.Name ?? "")));
        Assert.That(read.Select(r => r[5]), Is.EqualTo(records.Select(r => r.City ?? "")));
        Assert.That(read.Select(r => r[7]), Is.EqualTo(records.Select(r => r.Street ?? "")));
        Assert.That(read.Select(r => r[13]), Is.EqualTo(records.Select(r => r.Sectors ?? "")));
        Assert.That(read.Select(r => r[15]), Is.EqualTo(records.Select(r => r.TrueCluster)));
    }

    [Test]
    public void Case_column_comes_last_and_names_each_record_case()
    {
        var options = new SyntheticOptions
        {
            Count = 3_000,
            Seed = 11,
            FrequentNameCopies = 100,
            SiblingAtSameAddressRate = 0.3,
            SplitRate = 0.05,
            RejoinRate = 0.5,
        };
        var records = SyntheticDirectory.Generate(options).ToList();
        using var writer = new StringWriter();
        SyntheticCsv.Write(records, writer, includeTruth: true, includeCase: true);

        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(writer.ToString());
        var cases = reader.Enumerate(row => row["case"].ToString()).ToList();

        Assert.That(reader.Header.ColNames, Is.EqualTo(ResolveColumns.Append("true_cluster").Append("case")));
        Assert.That(cases, Is.EqualTo(records.Select(SyntheticCases.Of)));
        Assert.That(cases.Distinct(), Is.EquivalentTo(SyntheticCases.All.Append("")), "every case, and records of none");
    }

    [Test]
    public void The_frequent_name_case_is_every_record_of_the_frequent_name_and_no_other()
    {
        var records = SyntheticDirectory.Generate(new SyntheticOptions { Count = 2_000, FrequentNameCopies = 150 }).ToList();

        var frequent = records.Where(r => SyntheticCases.Of(r) == SyntheticCases.FrequentName).ToList();

        Assert.That(frequent, Has.Count.GreaterThan(150));
        Assert.That(frequent.Select(r => r.TrueCluster).Distinct().ToList(), Is.EqualTo(new[] { records.First(r => r.Traits.HasFlag(EntityTraits.FrequentName)).TrueCluster }));
        Assert.That(records.Count(r => r.TrueCluster == frequent[0].TrueCluster), Is.EqualTo(frequent.Count));
    }

    [TestCase(EntityTraits.FrequentName | EntityTraits.HardNegative, NoiseKinds.Rejoined, SyntheticCases.FrequentName)]
    [TestCase(EntityTraits.SplitOff | EntityTraits.AgencyHosted, NoiseKinds.None, SyntheticCases.SplitOff)]
    [TestCase(EntityTraits.AgencyHosted, NoiseKinds.Rejoined | NoiseKinds.NameTypo, SyntheticCases.Rejoined)]
    [TestCase(EntityTraits.HardNegative | EntityTraits.SharedBuilding | EntityTraits.AgencyHosted, NoiseKinds.None, SyntheticCases.SameAddressNamesake)]
    [TestCase(EntityTraits.AgencyHosted | EntityTraits.SharedBuilding, NoiseKinds.None, SyntheticCases.AgencyDomain)]
    [TestCase(EntityTraits.SharedBuilding, NoiseKinds.None, SyntheticCases.SharedBuilding)]
    [TestCase(EntityTraits.HardNegative | EntityTraits.RegistryName, NoiseKinds.None, SyntheticCases.Namesake)]
    [TestCase(EntityTraits.RegistryName, NoiseKinds.AddressMoved, "")]
    public void A_record_of_several_cases_takes_the_hardest(EntityTraits traits, NoiseKinds noise, string expected)
    {
        var record = new SyntheticRecord { Id = "r1", TrueCluster = "e1", Traits = traits, Noise = noise };

        Assert.That(SyntheticCases.Of(record), Is.EqualTo(expected));
    }

    [Test]
    public void Returns_the_number_of_records_written()
    {
        var records = SyntheticDirectory.Generate(new SyntheticOptions { Count = 123 });

        var written = SyntheticCsv.Write(records, TextWriter.Null, includeTruth: false);

        Assert.That(written, Is.EqualTo(123));
    }

    private static string Write(IEnumerable<SyntheticRecord> records, bool includeTruth)
    {
        using var writer = new StringWriter();
        SyntheticCsv.Write(records, writer, includeTruth);
        return writer.ToString();
    }
}
