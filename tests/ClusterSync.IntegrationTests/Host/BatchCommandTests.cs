using ClusterSync.IntegrationTests.Infrastructure;
using nietras.SeparatedValues;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>
/// The <c>resolve</c>, <c>evaluate</c> and <c>generate</c> verbs, run as a user runs them: the built
/// executable, files on disk, no database and no server.
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

    private static async Task AssertOneErrorLineAsync(string[] args, string expected)
    {
        var (code, _, stderr) = await HostProcess.RunAsync(args);

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.Not.Zero, stderr);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(expected));
        Assert.That(stderr, Does.Not.Contain("   at "));
    }

    private const string Organisations =
        "id,name,country,city,website,notes,sectors\n"
        + "a,Kompetenznetz Optische Technologien Nordhessen e.V.,DE,Kassel,https://www.optonet-nordhessen.de/,first,us-cluster:38\n"
        + "b,Kompetenznetz Optische Technologien Nordhessen,Germany,Kassel,optonet-nordhessen.de,\"second, with comma\",\n"
        + "c,Aerospace Valley,FR,Toulouse,https://www.aerospace-valley.com,,us-cluster:3;nace2:30.30\n"
        + "d,Lombardy Aerospace Cluster,IT,Milano,,,\n"
        + "\"e,1\",,,,,,\n";

    [Test]
    public async Task Resolve_writes_a_cluster_for_every_row_and_a_summary()
    {
        var input = Write("in.csv", Organisations);
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
        AssertOneErrorLineAsync(["resolve", "--input", Write("in.csv", "name,country\nAerospace Valley,FR\n"), "--output", Path.Combine(_folder.FullName, "o.csv")],
            "no 'id' column");

    [Test]
    public Task Resolve_with_duplicate_ids_is_one_clear_error() =>
        AssertOneErrorLineAsync(["resolve", "--input", Write("in.csv", "id,name\n1,Aerospace Valley\n2,Photonics\n1,Other\n"), "--output", Path.Combine(_folder.FullName, "o.csv")],
            "duplicate id '1' (row 4)");

    [Test]
    public Task Resolve_with_an_empty_id_is_one_clear_error() =>
        AssertOneErrorLineAsync(["resolve", "--input", Write("in.csv", "id,name\n1,Aerospace Valley\n,Photonics\n"), "--output", Path.Combine(_folder.FullName, "o.csv")],
            "row 3 has an empty id");

    [Test]
    public Task Resolve_of_a_missing_file_is_one_clear_error() =>
        AssertOneErrorLineAsync(["resolve", "--input", Path.Combine(_folder.FullName, "absent.csv"), "--output", Path.Combine(_folder.FullName, "o.csv")],
            "no such file");

    [Test]
    public Task Resolve_of_a_folder_is_one_clear_error() =>
        AssertOneErrorLineAsync(["resolve", "--input", _folder.FullName, "--output", Path.Combine(_folder.FullName, "o.csv")],
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
    public async Task Evaluate_prints_metrics_beside_two_baselines_and_the_blocking_quality()
    {
        var input = Write("labelled.csv", Organisations.Replace("sectors\n", "sectors,true_cluster\n", StringComparison.Ordinal)
            .Replace("us-cluster:38\n", "us-cluster:38,x\n", StringComparison.Ordinal)
            .Replace("comma\",\n", "comma\",,x\n", StringComparison.Ordinal)
            .Replace("nace2:30.30\n", "nace2:30.30,y\n", StringComparison.Ordinal)
            .Replace("Milano,,,\n", "Milano,,,,z\n", StringComparison.Ordinal)
            .Replace("\"e,1\",,,,,,\n", "\"e,1\",,,,,,,w\n", StringComparison.Ordinal));

        var (code, stdout, stderr) = await HostProcess.RunAsync(["evaluate", "--input", input]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("5 records, 4 true clusters, 1 true pairs"));
        Assert.That(stdout, Does.Match(@"ClusterSync\s+1\.0000\s+1\.0000\s+1\.0000"));
        Assert.That(stdout, Does.Contain("baseline: exact name key"));
        Assert.That(stdout, Does.Contain("baseline: name key or domain"));
        Assert.That(stdout, Does.Contain("pair completeness 1.0000 (1 of 1 true pairs)"));
    }

    [Test]
    public Task Evaluate_without_true_cluster_is_one_clear_error() =>
        AssertOneErrorLineAsync(["evaluate", "--input", Write("in.csv", Organisations)], "no 'true_cluster' column");

    [Test]
    public async Task Generate_then_evaluate_round_trips_a_seeded_file()
    {
        var first = Path.Combine(_folder.FullName, "first.csv");
        var second = Path.Combine(_folder.FullName, "second.csv");

        var (code, stdout, stderr) = await HostProcess.RunAsync(["generate", "--count", "300", "--seed", "5", "--output", first]);
        await HostProcess.RunAsync(["generate", "--count", "300", "--seed", "5", "--output", second]);
        var evaluation = await HostProcess.RunAsync(["evaluate", "--input", first]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("wrote 300 records"));
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)), "the same seed writes the same file");
        Assert.That(evaluation.ExitCode, Is.Zero, evaluation.StdErr);
        Assert.That(evaluation.StdOut, Does.Contain("300 records"));
    }

    [Test]
    public Task Generate_with_a_bad_duplicate_rate_is_one_clear_error() =>
        AssertOneErrorLineAsync(["generate", "--count", "10", "--duplicate-rate", "1.5", "--output", Path.Combine(_folder.FullName, "g.csv")], "Must be between 0 and");

    [Test]
    public Task Resolve_into_an_unwritable_place_is_one_clear_error() =>
        AssertOneErrorLineAsync(["resolve", "--input", Write("in.csv", Organisations), "--output", _folder.FullName], "is denied");
}
