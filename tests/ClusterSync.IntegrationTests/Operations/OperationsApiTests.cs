using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>An operator at the API alone: sources, schedules, triggers, runs, cancellations, held deletions, the audit.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class OperationsApiTests(StorageProvider provider)
{
    private const string Registry = UsClusterMappingRegistration.SourceId;

    private SyncHarness _host = null!;
    private HttpClient _reader = null!;

    [SetUp]
    public async Task StartWithTheSchedulerRunning()
    {
        // The scheduler runs (on PostgreSQL: the clustered store in the freshly migrated database); the cron never fires in a test.
        _host = await SyncHarness.StartAsync(provider, s =>
        {
            s["Scheduling:Enabled"] = "true";
            s["Sources:Eccp:Enabled"] = "false";
            s["Sources:UsClusterMapping:Schedule"] = "0 0 4 1 1 ? 2099";
        });
        _reader = _host.App.CreateClient();
        _reader.DefaultRequestHeaders.Add("X-Api-Key", ClusterSyncApp.ReaderKey);
        await WaitForScheduleAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        _reader?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task Sources_show_their_schedule_next_fire_time_last_run_and_circuit()
    {
        await _host.RunAsync(Registry);

        var sources = await SyncHarness.GetJsonAsync(_reader, "/v1/ops/sources");

        var registry = sources.EnumerateArray().Single(s => s.GetProperty("source").GetString() == Registry);
        Assert.That(registry.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(registry.GetProperty("schedule").GetProperty("cron").GetString(), Is.EqualTo("0 0 4 1 1 ? 2099"));
        Assert.That(registry.GetProperty("schedule").GetProperty("nextFireTime").GetDateTimeOffset().Year, Is.EqualTo(2099));
        Assert.That(registry.GetProperty("schedule").GetProperty("persisted").GetBoolean(), Is.EqualTo(provider == StorageProvider.Postgres));
        Assert.That(registry.GetProperty("lastRun").GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Succeeded));
        Assert.That(registry.GetProperty("circuit").GetProperty("state").GetString(), Is.EqualTo("closed"));
        var eccp = sources.EnumerateArray().Single(s => s.GetProperty("source").GetString() == "eccp");
        Assert.That((eccp.GetProperty("enabled").GetBoolean(), eccp.GetProperty("schedule").ValueKind), Is.EqualTo((false, JsonValueKind.Null)));
    }

    [TestCase("PUT", "/v1/ops/sources/us-cluster-mapping/schedule", """{"cron":"0 0 5 * * ?"}""")]
    [TestCase("POST", "/v1/ops/sources/us-cluster-mapping/schedule/pause", null)]
    [TestCase("POST", "/v1/ops/sources/us-cluster-mapping/runs", "{}")]
    [TestCase("POST", "/v1/ops/runs/1/cancel", null)]
    [TestCase("POST", "/v1/ops/runs/1/confirm", null)]
    [TestCase("POST", "/v1/ops/runs/1/reject", null)]
    [TestCase("GET", "/v1/ops/quarantine", null)]
    [TestCase("GET", "/v1/ops/actions", null)]
    public async Task Operator_endpoints_answer_401_without_a_key_and_403_to_a_read_key(string method, string path, string? body)
    {
        using var anonymous = await _host.Client.SendAsync(Request(method, path, body));
        using var reader = await _reader.SendAsync(Request(method, path, body));

        await SyncHarness.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "urn:clustersync:problem:unauthorized");
        await SyncHarness.AssertProblemAsync(reader, HttpStatusCode.Forbidden, "urn:clustersync:problem:forbidden");
    }

    [TestCase("/v1/ops/sources")]
    [TestCase("/v1/ops/runs")]
    [TestCase("/v1/ops/instances")]
    public async Task Read_endpoints_need_a_key_of_any_scope(string path)
    {
        using var anonymous = await _host.Client.GetAsync(path);
        using var reader = await _reader.GetAsync(path);

        Assert.That((anonymous.StatusCode, reader.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.OK)));
    }

    [TestCase("not a cron")]
    [TestCase("")]
    [TestCase("0 0 25 * * ?")]
    public async Task An_invalid_cron_is_a_400_problem_and_changes_nothing(string cron)
    {
        using var response = await _host.Operator.PutAsJsonAsync("/v1/ops/sources/us-cluster-mapping/schedule", new { cron });

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
        Assert.That((await ScheduleAsync()).GetProperty("cron").GetString(), Is.EqualTo("0 0 4 1 1 ? 2099"));
    }

    [Test]
    public async Task An_operator_changes_pauses_and_resumes_a_schedule_and_each_action_is_recorded()
    {
        using var changed = await _host.Operator.PutAsJsonAsync("/v1/ops/sources/us-cluster-mapping/schedule", new { cron = "0 30 2 ? * SUN 2098" });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        Assert.That((await ScheduleAsync()).GetProperty("nextFireTime").GetDateTimeOffset().Year, Is.EqualTo(2098));

        using var paused = await _host.Operator.PostAsync("/v1/ops/sources/us-cluster-mapping/schedule/pause", null);
        Assert.That((await ScheduleAsync()).GetProperty("state").GetString(), Is.EqualTo("paused"));
        using var resumed = await _host.Operator.PostAsync("/v1/ops/sources/us-cluster-mapping/schedule/resume", null);
        Assert.That((await ScheduleAsync()).GetProperty("state").GetString(), Is.EqualTo("normal"));

        var actions = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/actions");
        Assert.That(actions.EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString())),
            Is.EqualTo(new[] { ("schedule.resume", "test operator"), ("schedule.pause", "test operator"), ("schedule.change", "test operator") }));
    }

    [Test]
    public async Task A_trigger_queues_a_run_that_the_scheduler_completes()
    {
        using var response = await _host.Operator.PostAsJsonAsync("/v1/ops/sources/us-cluster-mapping/runs", new { mode = "full" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/ops/runs/{queued.GetProperty("id").GetInt64()}"));
        var run = await WaitForRunAsync(response.Headers.Location!.ToString(), r => !SyncRunStatus.Unfinished.Contains(r.GetProperty("status").GetString()));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Succeeded), run.ToString());
        Assert.That(run.GetProperty("trigger").GetString(), Is.EqualTo("api"));
        Assert.That(run.GetProperty("requestedBy").GetString(), Is.EqualTo("test operator"));
        Assert.That(run.GetProperty("phases").EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "read", "detect", "reconcile", "publish" }));
    }

    [Test]
    public async Task A_trigger_while_the_source_runs_is_a_409_naming_the_running_run_and_a_cancel_stops_it_publishing_nothing()
    {
        await _host.RunAsync(Registry);
        _host.Upstreams.EditRegistryDocument("445", RecordedUpstreamServer.AddCluster);
        var before = await _host.SnapshotAsync();
        var held = _host.Upstreams.HoldPage(Registry, SyncHarness.RegistryPageSize);
        using var first = await _host.Operator.PostAsJsonAsync("/v1/ops/sources/us-cluster-mapping/runs", new { });
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await held.WaitAsync(TimeSpan.FromSeconds(30));

        using var second = await _host.Operator.PostAsJsonAsync("/v1/ops/sources/us-cluster-mapping/runs", new { });
        using var cancel = await _host.Operator.PostAsync($"/v1/ops/runs/{runId}/cancel", null);

        var conflict = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(conflict.GetProperty("type").GetString(), Is.EqualTo("urn:clustersync:problem:conflict"));
        Assert.That(conflict.GetProperty("runningRunId").GetInt64(), Is.EqualTo(runId));
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var run = await WaitForRunAsync($"/v1/ops/runs/{runId}", r => !SyncRunStatus.Unfinished.Contains(r.GetProperty("status").GetString()));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Cancelled));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task Held_deletions_publish_when_an_operator_confirms_them()
    {
        await _host.RunAsync(Registry);
        var kept = _host.Upstreams.RegistryIds.Take(70).ToList();
        _host.Upstreams.RemoveRegistryDocuments(_host.Upstreams.RegistryIds.Skip(70));
        var held = await _host.RunAsync(Registry);
        Assert.That((held.Status, held.HeldDeletions), Is.EqualTo((SyncRunStatus.Held, 75)));
        Assert.That((await _host.ListOrganisationsAsync()).SelectMany(SyncHarness.Members).Count(), Is.EqualTo(145), "nothing deleted while held");

        using var confirmed = await _host.Operator.PostAsync($"/v1/ops/runs/{held.RunId}/confirm", null);
        using var again = await _host.Operator.PostAsync($"/v1/ops/runs/{held.RunId}/confirm", null);

        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());
        Assert.That((await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("gone").GetInt32(), Is.EqualTo(75));
        Assert.That((await _host.ListOrganisationsAsync()).SelectMany(SyncHarness.Members), Is.EquivalentTo(kept.Select(FixtureTruth.RegistryKey)));
        Assert.That((await HoldOfAsync(held.RunId)).GetProperty("holdResolution").GetString(), Is.EqualTo(HoldResolution.Confirmed));
        await SyncHarness.AssertProblemAsync(again, HttpStatusCode.Conflict, "urn:clustersync:problem:conflict");
    }

    [Test]
    public async Task Held_deletions_are_not_published_when_an_operator_rejects_them()
    {
        await _host.RunAsync(Registry);
        _host.Upstreams.RemoveRegistryDocuments(_host.Upstreams.RegistryIds.Skip(70));
        var held = await _host.RunAsync(Registry);
        var before = await _host.SnapshotAsync();

        using var rejected = await _host.Operator.PostAsync($"/v1/ops/runs/{held.RunId}/reject", null);
        using var confirmAfter = await _host.Operator.PostAsync($"/v1/ops/runs/{held.RunId}/confirm", null);

        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await SyncHarness.AssertProblemAsync(confirmAfter, HttpStatusCode.Conflict, "urn:clustersync:problem:conflict");
        Assert.That((await HoldOfAsync(held.RunId)).GetProperty("holdResolution").GetString(), Is.EqualTo(HoldResolution.Rejected));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task A_newer_complete_listing_supersedes_a_pending_hold()
    {
        await _host.RunAsync(Registry);
        var removed = _host.Upstreams.RegistryIds.Skip(70).ToList();
        _host.Upstreams.RemoveRegistryDocuments(removed);
        var held = await _host.RunAsync(Registry);
        _host.Upstreams.RestoreRegistryDocuments(removed);

        var next = await _host.RunAsync(Registry, ReadMode.Full);

        Assert.That(next.Status, Is.EqualTo(SyncRunStatus.Succeeded));
        Assert.That((await HoldOfAsync(held.RunId)).GetProperty("holdResolution").GetString(), Is.EqualTo(HoldResolution.Superseded));
    }

    [TestCase("/v1/sync-runs?source=us-cluster-mapping", "/v1/ops/runs?source=us-cluster-mapping")]
    [TestCase("/v1/quarantine", "/v1/ops/quarantine")]
    public async Task The_old_paths_redirect_permanently_to_their_place_under_ops(string old, string moved)
    {
        using var response = await _host.Client.GetAsync(old);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PermanentRedirect));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(moved));
    }

    [Test]
    public async Task Runs_filter_by_status_and_an_unknown_status_is_a_400_problem()
    {
        await _host.RunAsync(Registry);

        var succeeded = await SyncHarness.GetItemsAsync(_reader, "/v1/ops/runs?status=succeeded&source=us-cluster-mapping");
        var failed = await SyncHarness.GetItemsAsync(_reader, "/v1/ops/runs?status=failed");
        using var unknown = await _reader.GetAsync("/v1/ops/runs?status=finished");

        Assert.That((succeeded.GetArrayLength(), failed.GetArrayLength()), Is.EqualTo((1, 0)));
        await SyncHarness.AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    private async Task<JsonElement> ScheduleAsync() =>
        (await SyncHarness.GetJsonAsync(_reader, "/v1/ops/sources/us-cluster-mapping")).GetProperty("schedule");

    private async Task<JsonElement> HoldOfAsync(long runId) =>
        (await SyncHarness.GetJsonAsync(_reader, $"/v1/ops/runs/{runId}")).GetProperty("run");

    private async Task WaitForScheduleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _reader.GetAsync("/v1/ops/sources/us-cluster-mapping");
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("schedule").ValueKind == JsonValueKind.Object)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The schedule was never seeded.");
    }

    private async Task<JsonElement> WaitForRunAsync(string location, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement run = default;
        while (DateTime.UtcNow < deadline)
        {
            run = (await SyncHarness.GetJsonAsync(_reader, location)).GetProperty("run");
            if (done(run))
            {
                return run;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The run never ended: {run}");
        return run;
    }

    private static HttpRequestMessage Request(string method, string path, string? body) =>
        new(new HttpMethod(method), path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
}
