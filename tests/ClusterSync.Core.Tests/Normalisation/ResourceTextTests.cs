using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Normalisation.Web;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class ResourceTextTests
{
    [TestCase("ClusterSync.Core.Resources.psl/public_suffix_list.dat")]
    [TestCase("ClusterSync.Core.Resources.countries/codes.json")]
    [TestCase("ClusterSync.Core.Resources.countries/langs/sr.json")]
    [TestCase("ClusterSync.Core.Resources.sectors/ecosystem_to_us_cluster.csv")]
    [TestCase("ClusterSync.Core.Resources.email/free_mail_domains.txt")]
    public void Data_files_are_embedded_under_their_relative_path(string name)
    {
        var names = typeof(PublicSuffixList).Assembly.GetManifestResourceNames();

        Assert.That(names, Does.Contain(name));
    }

    [Test]
    public void Public_suffix_list_is_embedded_byte_exact()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("ClusterSync.Core.Resources.psl/public_suffix_list.dat")!;

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));

        // The SHA-256 recorded in Resources/psl/README.md for the upstream file.
        Assert.That(hash, Is.EqualTo("df6306ec61971424ad259757b399911f4d414486629a5a00e299a2b6c7957089"));
    }

    [Test]
    public void Read_names_the_missing_resource()
    {
        var read = () => ResourceText.Read("countries/missing.csv");

        Assert.That(read, Throws.InvalidOperationException.With.Message.Contains("countries/missing.csv"));
    }

    [Test]
    public void CsvTable_reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var table = CsvTable.Parse("code,name\r\n1,\"Marketing, Design, and Publishing\"\r\n2,\"The \"\"Best\"\"\nCluster\"\n");

        Assert.That(table.Rows.Select(r => r[table.Column("name")]), Is.EqualTo(new[] { "Marketing, Design, and Publishing", "The \"Best\"\nCluster" }));
    }

    [Test]
    public void CsvTable_names_a_missing_column()
    {
        var table = CsvTable.Parse("code,name\n1,Aerospace\n");

        Assert.That(() => table.Column("weight"), Throws.TypeOf<FormatException>().With.Message.Contains("'weight'"));
    }

    [Test]
    public void CsvTable_needs_a_header_row()
    {
        Assert.That(() => CsvTable.Parse(""), Throws.TypeOf<FormatException>());
    }
}
