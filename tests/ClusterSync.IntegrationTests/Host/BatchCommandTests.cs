using ClusterSync.IntegrationTests.Infrastructure;
using nietras.SeparatedValues;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>
/// The host's <c>resolve</c> verb, run as a user runs it: the built executable, files on disk, no
/// database and no server. (<c>evaluate</c> and <c>generate</c> are the lab's: see <c>LabCommandTests</c>.)
/// </summary>
public class BatchCommandTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clustersync-batch-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task Resolve_writes_a_cluster_for_every_row_and_a_summary()
    {
        var input = Write("in.csv", BatchFiles.Organisations);
        var output = Path.Combine(_folder.FullName, "out", "clusters.csv");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["resolve", "--input", input, "--output", output]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("resolved 5 records into 4 clusters"));
        var clusterOf = ReadClusters(output);
        Assert.That(clusterOf.Keys, Is.EquivalentTo(new[] { "a", "b", "c", "d", "e,1" }));
        Assert.That(clusterOf["b"], Is.EqualTo(clusterOf["a"]));
        Assert.That(clusterOf["c"], Is.Not.EqualTo(clusterOf["a"]).And.Not.EqualTo(clusterOf["d"]));
        Assert.That(clusterOf["e,1"], Is.EqualTo("e,1"), "a row without a name is its own cluster");
    }

    [Test]
    public async Task Resolve_keeps_a_row_the_normaliser_quarantines_as_its_own_cluster_and_says_how_many()
    {
        var input = Write("in.csv", "id,name,country\n1,Aerospace Valley,FR\n2,---,FR\n");
        var output = Path.Combine(_folder.FullName, "o.csv");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["resolve", "--input", input, "--output", output]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("resolved 2 records into 2 clusters"));
        Assert.That(stdout, Does.Contain("quarantined by normalisation: 1 of 2 records").And.Contain("row 3 with id '2'").And.Contain("'---'"));
        Assert.That(ReadClusters(output), Is.EqualTo(new Dictionary<string, string> { ["1"] = "1", ["2"] = "2" }));
    }

    [Test]
    public async Task Resolve_links_records_of_a_csv_without_a_country_column()
    {
        var input = Write("in.csv", "id,name,city\n1,Milwaukee Water Council,Milwaukee\n2,Milwaukee Water Council,Milwaukee\n3,Aerospace Valley,Toulouse\n");
        var output = Path.Combine(_folder.FullName, "o.csv");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["resolve", "--input", input, "--output", output]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("resolved 3 records into 2 clusters"));
        var clusterOf = ReadClusters(output);
        Assert.That(clusterOf["2"], Is.EqualTo(clusterOf["1"]));
    }

    private static Dictionary<string, string> ReadClusters(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
        Assert.That(reader.Header.ColNames, Is.EqualTo(new[] { "id", "cluster_id" }));
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            clusters.Add(row["id"].ToString(), row["cluster_id"].ToString());
        }

        return clusters;
    }

    [Test]
    public Task Resolve_without_an_id_column_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", Write("in.csv", "name,country\nAerospace Valley,FR\n"), "--output", Path.Combine(_folder.FullName, "o.csv")]),
            "no 'id' column");

    [Test]
    public Task Resolve_with_duplicate_ids_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", Write("in.csv", "id,name\n1,Aerospace Valley\n2,Photonics\n1,Other\n"), "--output", Path.Combine(_folder.FullName, "o.csv")]),
            "duplicate id '1' (row 4)");

    [Test]
    public Task Resolve_with_an_empty_id_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", Write("in.csv", "id,name\n1,Aerospace Valley\n,Photonics\n"), "--output", Path.Combine(_folder.FullName, "o.csv")]),
            "row 3 has an empty id");

    [Test]
    public async Task Resolve_of_a_row_with_an_unterminated_quote_is_one_error_naming_the_row()
    {
        var input = Write("in.csv", "id,name,country\n1,\"Aerospace Valley,FR\n2,Photonics Cluster,DE\n");
        var output = Path.Combine(_folder.FullName, "o.csv");

        await BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", input, "--output", output]),
            "row 2 (line 2): column 'name' opens a quote that is never closed");
        Assert.That(File.Exists(output), Is.False, "nothing is written from a file that was not read whole");
    }

    [TestCase("2,Photonics Cluster,DE,Munich\n", 4)]
    [TestCase("2,Photonics Cluster\n", 2)]
    public async Task Resolve_of_a_row_with_the_wrong_number_of_columns_is_one_error_naming_the_row(string row, int columns)
    {
        var input = Write("in.csv", "id,name,country\n1,Aerospace Valley,FR\n" + row + "3,Lombardy Aerospace Cluster,IT\n");
        var output = Path.Combine(_folder.FullName, "o.csv");

        await BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", input, "--output", output]),
            $"row 3 (line 3) has {columns} columns where the header has 3");
        Assert.That(File.Exists(output), Is.False, "nothing is written from a file that was not read whole");
    }

    [Test]
    public Task Resolve_of_a_missing_file_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", Path.Combine(_folder.FullName, "absent.csv"), "--output", Path.Combine(_folder.FullName, "o.csv")]),
            "no such file");

    [Test]
    public Task Resolve_of_a_folder_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", _folder.FullName, "--output", Path.Combine(_folder.FullName, "o.csv")]),
            "cannot read");

    [Test]
    public async Task Resolve_of_a_header_only_file_writes_a_header_only_result()
    {
        var output = Path.Combine(_folder.FullName, "o.csv");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["resolve", "--input", Write("in.csv", "id,name\n"), "--output", output]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("resolved 0 records"));
        Assert.That(File.ReadAllLines(output), Is.EqualTo(new[] { "id,cluster_id" }));
    }

    [Test]
    public Task Resolve_into_an_unwritable_place_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunAsync(["resolve", "--input", Write("in.csv", BatchFiles.Organisations), "--output", _folder.FullName]), "is denied");
}
