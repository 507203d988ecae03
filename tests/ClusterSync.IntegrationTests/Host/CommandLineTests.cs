using System.Net;
using System.Net.Sockets;
using ClusterSync.IntegrationTests.Infrastructure;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>The executable's command line as a user meets it: help starts nothing, mistakes are one line.</summary>
public class CommandLineTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clustersync-cli-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("serve", "--help")]
    [TestCase("migrate", "--help")]
    [TestCase("api-key", "create", "--help")]
    [TestCase("api-key", "list", "--help")]
    [TestCase("api-key", "revoke", "--help")]
    [TestCase("resolve", "--help")]
    public async Task Help_prints_usage_and_exits_zero_without_creating_a_database(params string[] args)
    {
        var (code, stdout, stderr) = await HostProcess.RunAsync(args, _folder.FullName);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("Usage:").And.Contain("--Section:Key=value"));
        Assert.That(_folder.GetFileSystemInfos(), Is.Empty, "help must not create a database or any other file");
    }

    [Test]
    public async Task A_verbs_help_lists_its_options()
    {
        var (_, stdout, _) = await HostProcess.RunAsync(["resolve", "--help"], _folder.FullName);

        Assert.That(stdout, Does.Contain("--input").And.Contain("--output"));
    }

    [Test]
    public async Task An_unknown_verb_is_one_error_line_and_help_and_starts_nothing()
    {
        var (code, stdout, stderr) = await HostProcess.RunAsync(["frobnicate"], _folder.FullName);

        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(errors, Has.Length.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("error: 'frobnicate' is not a command"));
        Assert.That(stdout, Does.Contain("Usage:"));
        Assert.That(_folder.GetFileSystemInfos(), Is.Empty);
    }

    [Test]
    public async Task A_port_in_use_is_one_error_line_and_exit_code_4()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, stderr) = await HostProcess.RunAsync([$"--urls=http://127.0.0.1:{port}"], _folder.FullName);

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(4), stderr);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("error: cannot listen").And.Contain("address already in use"));
    }
}
