using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sources;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using ClusterSync.Synthetic;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>
/// The orchestration's figures for docs/benchmarks.md: a no-change re-sync of a generated registry served locally, the
/// delay from a trigger to the run's first upstream request, and the scheduler's overhead per firing. Run on demand
/// (explicit); they print rather than assert. <c>CLUSTERSYNC_FIGURES_RECORDS</c> sets the registry's size (100,000).
/// </summary>
[Explicit("A measurement, not a test: docs/benchmarks.md says how to run it.")]
[Category("Figures")]
[NonParallelizable]
public sealed class SyncFigures
{
    private const string Registry = UsClusterMappingRegistration.SourceId;

    [TestCase(StorageProvider.Postgres)]
    [TestCase(StorageProvider.Sqlite)]
    public async Task No_change_resync_of_a_generated_registry(StorageProvider provider)
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CLUSTERSYNC_FIGURES_RECORDS"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        using var upstream = new GeneratedRegistry(count);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new ClusterSyncApp(Settings(db, upstream));
        using var client = app.CreateOperatorClient();

        var initial = await TriggerAndWaitAsync(client, "full");
        Assert.That(initial.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Succeeded), initial.ToString());
        upstream.Server.ResetLogEntries();

        var started = Stopwatch.GetTimestamp();
        var resync = await TriggerAndWaitAsync(client, "full");
        var wall = Stopwatch.GetElapsedTime(started);

        Assert.That(resync.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Succeeded), resync.ToString());
        Assert.That(resync.GetProperty("unchangedCount").GetInt32(), Is.EqualTo(resync.GetProperty("itemsRead").GetInt32()));
        TestContext.Out.WriteLine(
            $"{provider}: {count:N0} registry records; initial sync {Seconds(initial):F1} s ({Phases(initial)}); " +
            $"no-change re-sync {wall.TotalSeconds:F2} s from the trigger to the finished run ({Seconds(resync):F2} s in the run: {Phases(resync)}), " +
            $"{resync.GetProperty("itemsRead").GetInt32():N0} read, {resync.GetProperty("unchangedCount").GetInt32():N0} unchanged, " +
            $"{upstream.Server.LogEntries.Count()} upstream requests");
    }

    [TestCase(StorageProvider.Postgres)]
    [TestCase(StorageProvider.Sqlite)]
    public async Task Trigger_to_first_request_and_scheduler_overhead(StorageProvider provider)
    {
        using var upstream = new GeneratedRegistry(1_000);
        await using var db = await TestDatabase.CreateAsync(provider);
        var settings = Settings(db, upstream);
        settings["Scheduling:Enabled"] = "true";
        // Every five seconds, on the second: a firing's scheduled time is exact to the second the run history names.
        settings["Sources:UsClusterMapping:Schedule"] = "0/5 * * * * ?";
        await using var app = new ClusterSyncApp(settings);
        using var client = app.CreateOperatorClient();

        // Triggers through the API, each between two firings of the schedule.
        var triggerDelays = new List<double>();
        while (triggerDelays.Count < 10)
        {
            var second = DateTime.UtcNow.Second % 5;
            if (second is 0 or 4)
            {
                await Task.Delay(300);
                continue;
            }

            upstream.Server.ResetLogEntries();
            var before = DateTime.UtcNow;
            var run = await TriggerAndWaitAsync(client, "full", triggerOnly: true);
            if (run.ValueKind == JsonValueKind.Undefined)
            {
                continue; // a firing of the schedule held the source
            }

            var first = upstream.FirstOrganisationRequestAfter(before);
            triggerDelays.Add((first - before).TotalMilliseconds);
        }

        // Then let the schedule fire alone, and compare each firing's scheduled time with its run and first request.
        upstream.Server.ResetLogEntries();
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(31));
        var runs = await SyncHarnessRunsAsync(client);
        var overheads = new List<double>();
        var firstRequests = new List<double>();
        foreach (var run in runs.Where(r => r.GetProperty("trigger").GetString() == "schedule" && r.GetProperty("startedAt").GetDateTimeOffset() > since))
        {
            var requestedBy = run.GetProperty("requestedBy").GetString()!;
            var fire = DateTime.ParseExact(requestedBy["scheduler (".Length..^1], "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            overheads.Add((run.GetProperty("startedAt").GetDateTimeOffset().UtcDateTime - fire).TotalMilliseconds);
            firstRequests.Add((upstream.FirstOrganisationRequestAfter(fire) - fire).TotalMilliseconds);
        }

        Assert.That(overheads, Has.Count.GreaterThanOrEqualTo(4));
        TestContext.Out.WriteLine(
            $"{provider}: trigger (POST /v1/ops/sources/{Registry}/runs) → first upstream request over {triggerDelays.Count} runs: " +
            $"median {Median(triggerDelays):F0} ms, max {triggerDelays.Max():F0} ms; scheduled firing → run recorded over {overheads.Count} firings: " +
            $"median {Median(overheads):F0} ms, max {overheads.Max():F0} ms; scheduled firing → first upstream request: median {Median(firstRequests):F0} ms, max {firstRequests.Max():F0} ms");
    }

    private static Dictionary<string, string?> Settings(TestDatabase db, GeneratedRegistry upstream)
    {
        var settings = new Dictionary<string, string?>(db.Settings);
        foreach (var (key, value) in SourcesHarness.FastSettings(SourcesHarness.UsSection, upstream.Address))
        {
            settings[key] = value;
        }

        // The registry's politeness (5 requests/s, pages of 500) lifted: pages of 10,000 as the real API allows, no rate limit to speak of.
        settings[$"{SourcesHarness.UsSection}:RequestsPerSecond"] = "1000";
        settings[$"{SourcesHarness.UsSection}:PageSize"] = "10000";
        settings[$"{SourcesHarness.UsSection}:AttemptTimeout"] = "00:01:00";
        settings[$"{SourcesHarness.UsSection}:TotalTimeout"] = "00:05:00";
        settings[$"{SourcesHarness.EccpSection}:Enabled"] = "false";
        // Triggers go through the scheduler, as in production; the schedule itself never fires during a measurement.
        settings["Scheduling:Enabled"] = "true";
        settings["Sources:UsClusterMapping:Schedule"] = "0 0 4 1 1 ? 2099";
        return settings;
    }

    private static async Task<JsonElement> TriggerAndWaitAsync(HttpClient client, string mode, bool triggerOnly = false)
    {
        using var response = await client.PostAsJsonAsync($"/v1/ops/sources/{Registry}/runs", new { mode });
        if (triggerOnly && response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            await Task.Delay(500);
            return default;
        }

        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/v1/ops/runs/{id}");
            var view = run.TryGetProperty("run", out var inner) ? inner : run;
            var status = view.GetProperty("status").GetString();
            if (status is not (SyncRunStatus.Queued or SyncRunStatus.Running))
            {
                return view.Clone();
            }

            await Task.Delay(20);
        }
    }

    private static async Task<List<JsonElement>> SyncHarnessRunsAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/v1/ops/runs?source={Registry}&limit=100");
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.Clone())];
    }

    private static double Seconds(JsonElement run) =>
        (run.GetProperty("finishedAt").GetDateTimeOffset() - run.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;

    private static string Phases(JsonElement run) =>
        run.TryGetProperty("phases", out var phases) && phases.ValueKind == JsonValueKind.Object
            ? string.Join(", ", phases.EnumerateObject().Select(p => $"{p.Name} {p.Value.GetInt64() / 1000.0:F2} s"))
            : "no phases";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>A registry of generated organisations (names from the synthetic generator) served over WireMock with start/limit paging.</summary>
    private sealed class GeneratedRegistry : IDisposable
    {
        private readonly string[] _documents;

        public GeneratedRegistry(int count)
        {
            var clusters = new[] { "clusterData/1", "clusterData/7 clusterData/12", "clusterData/33", "clusterData/45 clusterData/3" };
            _documents = [.. SyntheticDirectory.Generate(new SyntheticOptions { Count = count, Seed = 2026 })
                .Select((record, i) => new JsonObject
                {
                    ["entity_id"] = 1_000_000 + i,
                    ["entity_type"] = "node",
                    ["bundle"] = "organization",
                    ["label"] = record.Name ?? $"Organisation {i}",
                    ["tm_field_clusters"] = new JsonArray(clusters[i % clusters.Length]),
                }.ToJsonString())];
            Server = WireMockServer.Start();
            Server.Given(Request.Create().WithPath("/data/content/organization").UsingGet())
                .RespondWith(Response.Create().WithCallback(request =>
                {
                    var query = SourcesHarness.Query(request);
                    var start = int.Parse(query.GetValueOrDefault("start", "0"), CultureInfo.InvariantCulture);
                    var limit = int.Parse(query.GetValueOrDefault("limit", "10000"), CultureInfo.InvariantCulture);
                    var page = _documents.Skip(start).Take(limit).ToList();
                    return SourcesHarness.Json(200, page.Count == 1 ? page[0] : "[" + string.Join(',', page) + "]");
                }));
        }

        public WireMockServer Server { get; }

        public string Address => Server.Url + "/data";

        public DateTime FirstOrganisationRequestAfter(DateTime since) =>
            Server.LogEntries.Select(e => e.RequestMessage.DateTime.ToUniversalTime()).Where(t => t >= since).Order().FirstOrDefault();

        public void Dispose() => Server.Dispose();
    }
}
