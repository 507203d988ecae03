using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Host;

/// <summary><c>api-key create|list|revoke</c> from the shell, on a database the verbs migrate themselves.</summary>
public class ApiKeyCommandTests
{
    private TestDatabase _db = null!;

    [SetUp]
    public async Task CreateDatabase() => _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

    [TearDown]
    public async Task DropDatabase()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    private Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] verb) =>
        HostProcess.RunAsync([.. verb, .. Settings()], timeout: TimeSpan.FromSeconds(60));

    private IEnumerable<string> Settings() => _db.Settings.Select(s => $"--{s.Key}={s.Value}");

    private async Task<(string Id, string Key)> CreateKeyAsync(string name, string scope)
    {
        // --scope takes every token after it, so the settings go before it.
        var (code, stdout, stderr) = await HostProcess.RunAsync(["api-key", "create", .. Settings(), "--name", name, "--scope", scope]);
        Assert.That(code, Is.Zero, stderr);
        var key = stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("csk_", StringComparison.Ordinal));
        return (ClusterSync.Host.Security.ApiKeys.IdOf(key)!, key);
    }

    [Test]
    public async Task List_shows_created_keys_without_the_keys_and_revoke_marks_one_revoked()
    {
        var (id, key) = await CreateKeyAsync("partner one", "partner");

        var (listCode, before, _) = await RunAsync("api-key", "list");
        var (revokeCode, _, revokeErr) = await RunAsync("api-key", "revoke", id);
        var (_, after, _) = await RunAsync("api-key", "list");

        var row = before.Split('\n').Single(l => l.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t');
        var revokedRow = after.Split('\n').Single(l => l.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t');
        Assert.That((listCode, revokeCode), Is.EqualTo((0, 0)), revokeErr);
        Assert.That(before, Does.Not.Contain(key), "the key itself is never listed");
        Assert.That((row[1], row[2], row[4].Trim()), Is.EqualTo(("partner one", "partner", "-")));
        Assert.That(revokedRow[4].Trim(), Is.Not.EqualTo("-"));
        Assert.That(await _db.Services.GetRequiredService<ApiKeyStore>().FindActiveAsync(id, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Revoking_an_unknown_or_revoked_key_is_one_error_line_and_exit_code_5()
    {
        var (id, _) = await CreateKeyAsync("short lived", "read");
        await RunAsync("api-key", "revoke", id);

        var (again, _, againErr) = await RunAsync("api-key", "revoke", id);
        var (unknown, _, unknownErr) = await RunAsync("api-key", "revoke", "nosuchkey");

        Assert.That((again, unknown), Is.EqualTo((5, 5)));
        Assert.That(againErr.Trim(), Is.EqualTo($"error: there is no active key '{id}'."));
        Assert.That(unknownErr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }
}
