using ClusterSync.IntegrationTests.Infrastructure;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>Bad configuration ends the process with one clear line on stderr and a non-zero code, no stack trace.</summary>
public class ConfigurationErrorTests
{
    private static async Task AssertOneClearLineAsync(string[] args, int expectedCode, string expectedText)
    {
        var (code, _, stderr) = await HostProcess.RunAsync(args);

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(expectedCode), stderr);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(expectedText));
        Assert.That(stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public Task Unknown_provider_is_one_clear_error_when_serving() =>
        AssertOneClearLineAsync(["--Storage:Provider=Oracle", "--urls=http://127.0.0.1:0"], 2, "Storage:Provider 'Oracle' is not supported");

    [Test]
    public Task Unknown_provider_is_one_clear_error_when_migrating() =>
        AssertOneClearLineAsync(["migrate", "--Storage:Provider=Oracle"], 2, "Storage:Provider 'Oracle' is not supported");

    [Test]
    public Task Malformed_connection_string_is_one_clear_error() =>
        AssertOneClearLineAsync(["--Storage:Provider=Postgres", "--ConnectionStrings:ClusterSync=Host=;;=x", "--urls=http://127.0.0.1:0"], 2,
            "not a valid Postgres connection string");

    [Test]
    public Task Postgres_without_a_connection_string_is_one_clear_error() =>
        AssertOneClearLineAsync(["migrate", "--Storage:Provider=Postgres"], 2, "ConnectionStrings:ClusterSync is required");

    [Test]
    public Task Unreachable_database_is_one_clear_error() =>
        AssertOneClearLineAsync(
            ["--Storage:Provider=Postgres", "--ConnectionStrings:ClusterSync=Host=127.0.0.1;Port=1;Username=nobody;Timeout=3", "--urls=http://127.0.0.1:0"],
            3, "cannot reach or use the PostgreSQL database");

    [Test]
    public async Task Migrate_on_a_new_sqlite_file_reports_what_it_applied()
    {
        var folder = Directory.CreateTempSubdirectory("clustersync-migrate-");
        try
        {
            var (code, stdout, _) = await HostProcess.RunAsync(["migrate"], folder.FullName);

            Assert.That(code, Is.Zero);
            Assert.That(stdout, Does.Contain("Sqlite: applied ").And.Contain("migration(s): 20261125183050_InitialSchema, "));
            Assert.That(File.Exists(Path.Combine(folder.FullName, "data", "clustersync.db")), Is.True);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
