using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

public class FebrlConverterTests
{
    private const string Header =
        "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id";

    [Test]
    public void Maps_person_fields_to_resolve_fields()
    {
        var text = Header + "\nrec-223-org, jane, waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, 6988048\n";

        var record = FebrlConverter.Convert(new StringReader(text)).Single();

        Assert.That(record, Is.EqualTo(new SyntheticRecord
        {
            Id = "rec-223-org",
            Name = "jane waller",
            Street = "6 tullaroop street, willaroo",
            City = "st james",
            PostalCode = "4011",
            Region = "wa",
            Country = "AU",
            TrueCluster = "223",
        }));
    }

    [Test]
    public void Leaves_empty_parts_out_of_name_and_street()
    {
        var text = Header + "\nrec-5-dup-0, , waller, , tullaroop street, , st james, 4011, wa, 19081209, 6988048\n";

        var record = FebrlConverter.Convert(new StringReader(text)).Single();

        Assert.That((record.Name, record.Street, record.TrueCluster, record.CopyIndex), Is.EqualTo(("waller", "tullaroop street", "5", 1)));
    }

    [Test]
    public void Dataset1_gives_1000_records_in_500_pairs()
    {
        var records = Convert("dataset1.csv");

        Assert.That(records, Has.Count.EqualTo(1_000));
        Assert.That(records.GroupBy(r => r.TrueCluster).Select(g => g.Count()).Distinct(), Is.EqualTo(new[] { 2 }));
        Assert.That(records.Select(r => r.TrueCluster).Distinct().Count(), Is.EqualTo(500));
    }

    [Test]
    public void Dataset2_gives_5000_records_of_4000_entities()
    {
        var records = Convert("dataset2.csv");

        Assert.That(records, Has.Count.EqualTo(5_000));
        Assert.That(records.Select(r => r.TrueCluster).Distinct().Count(), Is.EqualTo(4_000));
        Assert.That(records.Count(r => r.CopyIndex == 0), Is.EqualTo(4_000));
    }

    [Test]
    public void Dataset4_linkage_pairs_every_b_record_with_one_a_record()
    {
        using var first = File.OpenText(Original("dataset4a.csv"));
        using var second = File.OpenText(Original("dataset4b.csv"));

        var records = FebrlConverter.ConvertLinkage(first, second).ToList();
        var clusters = records.GroupBy(r => r.TrueCluster).ToList();

        Assert.That(records, Has.Count.EqualTo(10_000));
        Assert.That(clusters, Has.Count.EqualTo(5_000));
        Assert.That(clusters.All(c => c.Count(r => r.Id.StartsWith("a-", StringComparison.Ordinal)) == 1
                                   && c.Count(r => r.Id.StartsWith("b-", StringComparison.Ordinal)) == 1), Is.True);
    }

    [Test]
    public void Output_carries_no_date_of_birth_or_social_security_number()
    {
        var records = Convert("dataset1.csv");
        using var writer = new StringWriter();

        SyntheticCsv.Write(records, writer, includeTruth: true);

        var text = writer.ToString();
        Assert.That(text.Split("\r\n")[0], Does.Not.Contain("birth").And.Not.Contain("soc_sec"));
        Assert.That(text, Does.Not.Contain("19081209").And.Not.Contain("6988048"));
    }

    [Test]
    public void Rejects_a_header_without_rec_id()
    {
        var text = Header.Replace("rec_id", "id", StringComparison.Ordinal) + "\n";

        Assert.That(() => FebrlConverter.Convert(new StringReader(text)).ToList(),
            Throws.TypeOf<FormatException>().With.Message.Contains("rec_id"));
    }

    [Test]
    public void Rejects_a_line_with_a_missing_field()
    {
        var text = Header + "\nrec-1-org, jane, waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209\n";

        Assert.That(() => FebrlConverter.Convert(new StringReader(text)).ToList(),
            Throws.TypeOf<FormatException>().With.Message.Contains("line 2"));
    }

    [Test]
    public void Rejects_a_record_id_without_entity_number()
    {
        var text = Header + "\nrec-x-org, jane, waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, 1\n";

        Assert.That(() => FebrlConverter.Convert(new StringReader(text)).ToList(),
            Throws.TypeOf<FormatException>().With.Message.Contains("rec-x-org"));
    }

    [Test]
    public void Rejects_quoted_fields()
    {
        var text = Header + "\nrec-1-org, \"jane\", waller, 6, tullaroop street, willaroo, st james, 4011, wa, 19081209, 1\n";

        Assert.That(() => FebrlConverter.Convert(new StringReader(text)).ToList(),
            Throws.TypeOf<FormatException>().With.Message.Contains("quoted"));
    }

    [Test]
    public void Rejects_an_empty_file()
    {
        Assert.That(() => FebrlConverter.Convert(new StringReader("")).ToList(), Throws.TypeOf<FormatException>());
    }

    private static List<SyntheticRecord> Convert(string file)
    {
        using var reader = File.OpenText(Original(file));
        return [.. FebrlConverter.Convert(reader)];
    }

    private static string Original(string file) => RepositoryFiles.PathOf(Path.Combine("tests", "data", "febrl", "original", file));
}
