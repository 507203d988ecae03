using ClusterSync.IntegrationTests.Infrastructure;

namespace ClusterSync.IntegrationTests.Lab;

/// <summary>
/// The lab's <c>evaluate</c> and <c>generate</c> verbs, run as a user runs them: the built
/// <c>ClusterSync.Lab</c> executable, files on disk, no database and no server.
/// </summary>
public class LabCommandTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clustersync-lab-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task Evaluate_prints_metrics_beside_two_baselines_and_the_blocking_quality()
    {
        var input = Write("labelled.csv", BatchFiles.Organisations.Replace("sectors\n", "sectors,true_cluster\n", StringComparison.Ordinal)
            .Replace("us-cluster:38\n", "us-cluster:38,x\n", StringComparison.Ordinal)
            .Replace("comma\",\n", "comma\",,x\n", StringComparison.Ordinal)
            .Replace("nace2:30.30\n", "nace2:30.30,y\n", StringComparison.Ordinal)
            .Replace("Milano,,,\n", "Milano,,,,z\n", StringComparison.Ordinal)
            .Replace("\"e,1\",,,,,,\n", "\"e,1\",,,,,,,w\n", StringComparison.Ordinal));

        var (code, stdout, stderr) = await HostProcess.RunLabAsync(["evaluate", "--input", input]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("5 records, 4 true clusters, 1 true pairs"));
        Assert.That(stdout, Does.Match(@"ClusterSync\s+1\.0000\s+1\.0000\s+1\.0000"));
        Assert.That(stdout, Does.Contain("baseline: exact name key"));
        Assert.That(stdout, Does.Contain("baseline: name key or domain"));
        Assert.That(stdout, Does.Contain("pair completeness 1.0000 (1 of 1 true pairs)"));
        Assert.That(stdout, Does.Not.Contain("by case"), "no case column, no table by case");
    }

    [Test]
    public async Task Evaluate_prints_a_line_per_case_of_a_file_generated_with_cases()
    {
        var file = Path.Combine(_folder.FullName, "cases.csv");
        var generate = await HostProcess.RunLabAsync(
        [
            "generate", "--count", "2000", "--seed", "3", "--cases", "--split-rate", "0.05", "--rejoin-rate", "0.5",
            "--frequent-name-copies", "100", "--sibling-same-address-rate", "0.3", "--output", file,
        ]);

        var (code, stdout, stderr) = await HostProcess.RunLabAsync(["evaluate", "--input", file]);

        Assert.That(generate.ExitCode, Is.Zero, generate.StdErr);
        Assert.That(File.ReadLines(file).First(), Does.EndWith(",true_cluster,case"));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("ClusterSync by case (pairs with at least one record of the case):"));
        Assert.That(stdout, Does.Contain("case                       records  true pairs  linked pairs  pair-P  pair-R  pair-F1  false links"));
        string[] cases = ["agency-domain", "frequent-name", "namesake", "rejoined", "same-address-namesake", "shared-building", "split-off"];
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => cases.Any(c => l.StartsWith(c + " ", StringComparison.Ordinal))).ToList();
        Assert.That(lines.Select(l => l.Split(' ')[0]), Is.EqualTo(cases), stdout);
        Assert.That(lines, Has.All.Match(@"^[a-z-]+ +[\d,]+ +[\d,]+ +[\d,]+ +[01]\.\d{4} +[01]\.\d{4} +[01]\.\d{4} +[\d,]+$"), stdout);
    }

    [Test]
    public Task Evaluate_without_true_cluster_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(HostProcess.RunLabAsync(["evaluate", "--input", Write("in.csv", BatchFiles.Organisations)]), "no 'true_cluster' column");

    [Test]
    public async Task Generate_then_evaluate_round_trips_a_seeded_file()
    {
        var first = Path.Combine(_folder.FullName, "first.csv");
        var second = Path.Combine(_folder.FullName, "second.csv");

        var (code, stdout, stderr) = await HostProcess.RunLabAsync(["generate", "--count", "300", "--seed", "5", "--output", first]);
        await HostProcess.RunLabAsync(["generate", "--count", "300", "--seed", "5", "--output", second]);
        var evaluation = await HostProcess.RunLabAsync(["evaluate", "--input", first]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("wrote 300 records"));
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)), "the same seed writes the same file");
        Assert.That(evaluation.ExitCode, Is.Zero, evaluation.StdErr);
        Assert.That(evaluation.StdOut, Does.Contain("300 records"));
    }

    [Test]
    public Task Generate_with_a_bad_duplicate_rate_is_one_clear_error() =>
        BatchFiles.AssertOneErrorLineAsync(
            HostProcess.RunLabAsync(["generate", "--count", "10", "--duplicate-rate", "1.5", "--output", Path.Combine(_folder.FullName, "g.csv")]),
            "Must be between 0 and");

    [Test]
    public async Task Help_lists_both_verbs()
    {
        var (code, stdout, stderr) = await HostProcess.RunLabAsync(["--help"]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("evaluate").And.Contain("generate"));
    }

    [TestCase("evaluate", new[] { "--input", "--output" })]
    [TestCase("generate", new[] { "--count", "--output", "--duplicate-rate", "--seed", "--split-rate", "--rejoin-rate", "--cases" })]
    public async Task Help_of_a_verb_lists_its_options(string verb, string[] options)
    {
        var (code, stdout, stderr) = await HostProcess.RunLabAsync([verb, "--help"]);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(options, Is.All.Matches<string>(o => stdout.Contains(o, StringComparison.Ordinal)), stdout);
    }

    [Test]
    public async Task An_unknown_verb_is_one_error_line_and_the_help()
    {
        var (code, stdout, stderr) = await HostProcess.RunLabAsync(["resolve", "--input", "x.csv"]);

        Assert.That(code, Is.Not.Zero);
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1).And.All.StartWith("error: "), stderr);
        Assert.That(stderr, Does.Contain("'resolve'"));
        Assert.That(stdout, Does.Contain("evaluate").And.Contain("generate"), "the help follows the error");
    }

    [Test]
    public async Task A_verb_without_a_required_option_is_one_error_line_and_its_help()
    {
        var (code, stdout, stderr) = await HostProcess.RunLabAsync(["generate", "--count", "10"]);

        Assert.That(code, Is.Not.Zero);
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1).And.All.StartWith("error: "), stderr);
        Assert.That(stderr, Does.Contain("--output"));
        Assert.That(stdout, Does.Contain("--duplicate-rate"), "the verb's help follows the error");
    }
}
