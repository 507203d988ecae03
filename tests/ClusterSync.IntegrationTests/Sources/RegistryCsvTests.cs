using System.Text;
using ClusterSync.Sources.Recorded.UsClusterMapping;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class RegistryCsvTests
{
    private const string Header = "org_id,org_title,cluster_name";

    [TestCase("\r")]
    [TestCase("\n")]
    [TestCase("\r\n")]
    public void Each_of_CR_LF_and_CRLF_ends_a_record(string end)
    {
        var rows = RegistryCsv.Parse(Header + end + "1,Alpha,Biopharmaceuticals" + end + "2,Beta,Water Transportation" + end);

        Assert.That(rows, Is.EqualTo(new[]
        {
            new RegistryCsvRow(1, "Alpha", "Biopharmaceuticals"),
            new RegistryCsvRow(2, "Beta", "Water Transportation"),
        }));
    }

    [Test]
    public void Quoted_fields_keep_their_commas_and_doubled_quotes()
    {
        var rows = RegistryCsv.Parse(Header + "\r630,\"Mele Associates, Inc\",Aerospace Vehicles and Defense\r7,\"The \"\"Hub\"\"\",Education");

        Assert.That(rows.Select(r => r.Title), Is.EqualTo(new[] { "Mele Associates, Inc", "The \"Hub\"" }));
    }

    [Test]
    public void The_recorded_export_with_bare_CR_line_endings_is_read_record_by_record()
    {
        var bytes = RecordedUsClusterMappingTests.Resource("CurrentOrganizationsAndClusters.csv");

        var rows = RegistryCsv.Parse(Encoding.UTF8.GetString(bytes));

        Assert.That(rows, Has.Count.EqualTo(2237));
        Assert.That(rows[0], Is.EqualTo(new RegistryCsvRow(332, "Space Florida", "Aerospace Vehicles and Defense")));
        Assert.That(rows, Has.None.Matches<RegistryCsvRow>(r => r.ClusterName.Contains('\r', StringComparison.Ordinal)));
    }

    [Test]
    public void A_record_with_a_missing_field_fails_the_read_naming_the_record()
    {
        var text = Header + "\r1,Alpha,Biopharmaceuticals\r2,Beta\r3,Gamma,Education\r";

        Assert.That(() => RegistryCsv.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contain("record 3"));
    }

    [Test]
    public void A_record_whose_id_is_not_a_number_fails_the_read_naming_the_record()
    {
        var text = Header + "\r1,Alpha,Biopharmaceuticals\r2,Beta,Education\rx4,Gamma,Education\r";

        Assert.That(() => RegistryCsv.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contain("record 4").And.Message.Contain("'x4'"));
    }

    [Test]
    public void A_file_without_the_expected_header_is_refused()
    {
        Assert.That(() => RegistryCsv.Parse("id,title,cluster\r1,Alpha,Biopharmaceuticals"), Throws.TypeOf<FormatException>().With.Message.Contain("header"));
    }
}
