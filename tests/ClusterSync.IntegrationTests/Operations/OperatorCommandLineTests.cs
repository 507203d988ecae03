using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using ClusterSync.Storage.ReadModels;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>
/// An operator at a shell alone: the verbs run as child processes on the database of a serving instance (the harness's
/// in-process host) against the recorded upstream, and say what happened through their output and exit code.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class OperatorCommandLineTests(StorageProvider provider)
{
    private const string Registry = UsClusterMappingRegistration.SourceId;

    private SyncHarness _host = null!;

    [SetUp]
    public async Task Start() => _host = await SyncHarness.StartAsync(provider, s => s["Sources:Eccp:Enabled"] = "false");

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] verb) =>
        HostProcess.RunAsync([.. verb, .. Settings()], timeout: TimeSpan.FromSeconds(120));

    private IEnumerable<string> Settings() => _host.Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}");

    [Test]
    public async Task Sync_runs_and_status_show_a_run_from_the_shell()
    {
        var (code, stdout, stderr) = await RunAsync("sync", "--source", Registry);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Match($"^run \\d+ of {Registry} succeeded: 145 read, 145 new, "));
        Assert.That(stderr, Does.Contain($"Syncing {Registry}"), "progress, as a plain line when the output is redirected");
        Assert.That(stderr, Does.Not.Contain("\u001b["), "no terminal escapes in redirected output");

        var (_, runs, _) = await RunAsync("runs", "--json");
        var run = JsonDocument.Parse(runs).RootElement.EnumerateArray().Single();
        Assert.That((run.GetProperty("status").GetString(), run.GetProperty("trigger").GetString(), run.GetProperty("itemsRead").GetInt32()),
            Is.EqualTo((SyncRunStatus.Succeeded, "cli", 145)));
        Assert.That(run.GetProperty("requestedBy").GetString(), Does.StartWith("cli:"));

        var (statusCode, status, _) = await RunAsync("status");
        var line = status.Split('\n').Single(l => l.StartsWith(Registry + "\t", StringComparison.Ordinal)).Split('\t');
        Assert.That(statusCode, Is.Zero);
        Assert.That(line[1], Is.EqualTo("yes"));
        Assert.That(line[2], Is.Not.Empty, "the schedule");
        Assert.That((line[5], line[6]), Is.EqualTo((run.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), SyncRunStatus.Succeeded)));

        Assert.That((await _host.ListOrganisationsAsync()).SelectMany(SyncHarness.Members).Count(), Is.EqualTo(145),
            "the serving instance sees what the shell's sync published");
    }

    [Test]
    public async Task A_held_run_exits_11_and_is_confirmed_once_from_the_shell()
    {
        await _host.RunAsync(Registry);
        var kept = _host.Upstreams.RegistryIds.Take(70).ToList();
        _host.Upstreams.RemoveRegistryDocuments(_host.Upstreams.RegistryIds.Skip(70));

        var (heldCode, heldOut, heldErr) = await RunAsync("sync", "--source", Registry, "--mode", "full");
        var heldRun = await _host.App.Services.GetRequiredService<RunStore>().ListRunsAsync(new RunFilter(Registry, SyncRunStatus.Held), new(1), default);
        var runId = heldRun.Items.Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (confirmCode, confirmOut, confirmErr) = await RunAsync("confirm", runId);
        var (againCode, _, againErr) = await RunAsync("confirm", runId);

        Assert.That(heldCode, Is.EqualTo(11), heldErr);
        Assert.That(heldOut, Does.Contain("75 deletions held").And.Contain($"confirm {runId}"));
        Assert.That(confirmCode, Is.Zero, confirmErr);
        Assert.That(confirmOut, Does.Contain($"deleted 75 record(s) held by run {runId}"));
        Assert.That((await _host.ListOrganisationsAsync()).SelectMany(SyncHarness.Members), Is.EquivalentTo(kept.Select(FixtureTruth.RegistryKey)),
            "the serving instance's directory has the deletions");
        Assert.That(againCode, Is.EqualTo(5));
        Assert.That(againErr.Trim(), Is.EqualTo($"error: run {runId} holds no pending deletions (it is held, confirmed)."));
    }

    [Test]
    public async Task A_rejected_hold_deletes_nothing_and_cannot_be_confirmed_after()
    {
        await _host.RunAsync(Registry);
        _host.Upstreams.RemoveRegistryDocuments(_host.Upstreams.RegistryIds.Skip(70));
        var held = await _host.RunAsync(Registry);
        var before = await _host.SnapshotAsync();
        var runId = held.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (rejectCode, rejectOut, rejectErr) = await RunAsync("reject", runId);
        var (confirmCode, _, _) = await RunAsync("confirm", runId);

        Assert.That(rejectCode, Is.Zero, rejectErr);
        Assert.That(rejectOut.Trim(), Is.EqualTo($"run {runId}: held deletions rejected; nothing was deleted"));
        Assert.That(confirmCode, Is.EqualTo(5));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
        var audit = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/actions");
        Assert.That(audit.EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString()![..4])),
            Does.Contain(("hold.reject", "cli:")), "the shell's action is in the operators' audit");
    }

    [Test]
    public async Task Sync_refuses_while_the_source_is_queued_and_names_the_run()
    {
        var queued = await _host.App.Services.GetRequiredService<RunStore>().QueueRunAsync(Registry, null, false, "test", "test", default);

        var (code, stdout, stderr) = await RunAsync("sync", "--source", Registry);

        Assert.That(code, Is.EqualTo(5), stdout);
        Assert.That(stderr.Trim(), Does.StartWith($"error: {Registry} is already syncing (run {queued.Id})"));
    }

    [TestCase("sync", "--source", "nowhere", ExpectedResult = 2)]
    [TestCase("confirm", "424242", ExpectedResult = 5)]
    [TestCase("reject", "424242", ExpectedResult = 5)]
    [TestCase("runs", "--limit", "0", ExpectedResult = 2)]
    [TestCase("runs", "--status", "done", ExpectedResult = 2)]
    [TestCase("confirm", "seven", ExpectedResult = 2)]
    public async Task<int> A_mistake_is_an_error_line_and_its_exit_code(params string[] verb)
    {
        var (code, _, stderr) = await RunAsync(verb);

        Assert.That(stderr, Does.StartWith("error: "));
        return code;
    }

    [Test]
    public async Task Sigterm_during_a_shell_sync_cancels_the_run_and_exits_13()
    {
        using var sync = HostProcess.StartVerb(["sync", "--source", Registry, "--Diagnostics:PauseSyncAt=" + SyncProbePoints.Detected, .. Settings()]);
        await sync.WaitForOutputAsync("clustersync: sync paused at " + SyncProbePoints.Detected, TimeSpan.FromSeconds(60));

        sync.Terminate();

        Assert.That(sync.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, sync.Output);
        Assert.That(sync.ExitCode, Is.EqualTo(13), sync.Output);
        var runs = await _host.App.Services.GetRequiredService<RunStore>().ListRunsAsync(new RunFilter(Registry), new(5), default);
        Assert.That(runs.Items.Single().Status, Is.EqualTo(SyncRunStatus.Cancelled));
        Assert.That(await _host.ListOrganisationsAsync(), Is.Empty, "nothing published");
    }
}
