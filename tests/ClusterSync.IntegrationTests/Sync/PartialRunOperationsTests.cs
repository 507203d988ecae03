using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.Extensions.Logging;
using WireMock;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>What an operator sees of partial runs: the run history, one log line, a metric, and readiness after three in a row.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class PartialRunOperationsTests(StorageProvider provider)
{
    private const string Registry = UsClusterMappingRegistration.SourceId;

    private SyncHarness _host = null!;

    [SetUp]
    public async Task Start()
    {
        // Runs after runs against a failing page would open the circuit breaker (and then fail at the first page): keep it closed.
        _host = await SyncHarness.StartAsync(provider, s => s["Sources:UsClusterMapping:CircuitBreaker:MinimumThroughput"] = "1000");
        var first = await _host.RunAsync(Registry);
        Assert.That(first.Succeeded, Is.True, first.Error);
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task Three_partial_runs_of_a_source_in_a_row_turn_readiness_degraded_naming_the_source_until_a_complete_run()
    {
        FailMiddlePage();
        await _host.RunAsync(Registry);
        await _host.RunAsync(Registry);
        var afterTwo = await ReadinessAsync();
        await _host.RunAsync(Registry);
        var afterThree = await ReadinessAsync();
        _host.Upstreams.Intercept = null;
        await _host.RunAsync(Registry);

        var afterComplete = await ReadinessAsync();
        var check = afterThree.GetProperty("checks").GetProperty("sync-runs");
        Assert.That(afterTwo.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(afterThree.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(check.GetProperty("description").GetString(), Does.Contain("The last 3 runs of us-cluster-mapping were partial"));
        Assert.That(check.GetProperty("data").GetProperty(Registry).GetString(), Does.StartWith("us-cluster-mapping: the listing is incomplete"));
        Assert.That(afterComplete.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task A_partial_run_shows_in_the_run_history_with_its_reason()
    {
        FailMiddlePage();

        var outcome = await _host.RunAsync(Registry);

        var run = (await _host.RunsAsync(Registry))[0];
        Assert.That(run.GetProperty("id").GetInt64(), Is.EqualTo(outcome.RunId));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Partial));
        Assert.That(run.GetProperty("error").GetString(), Is.EqualTo(outcome.Error).And.Contain("start=50&limit=50").And.Contain("HTTP 503"));
        Assert.That((run.GetProperty("itemsRead").GetInt32(), run.GetProperty("goneCount").GetInt32()), Is.EqualTo((SyncHarness.RegistryPageSize, 0)));
    }

    [Test]
    public async Task A_partial_run_logs_one_line_with_its_reason_and_its_handled_retries_one_line_each_without_a_stack_trace()
    {
        FailMiddlePage();
        _host.Logs.Clear();

        var outcome = await _host.RunAsync(Registry);

        var lines = _host.Logs.AtLeast(LogLevel.Warning);
        var summary = string.Join(Environment.NewLine, lines);
        Assert.That(lines.Where(l => l.Exception is not null), Is.Empty, summary);
        Assert.That(lines.Select(l => l.Category), Has.None.StartWith("Polly"), summary);
        Assert.That(lines.Select(l => l.Message), Has.Exactly(2).Match(@"^us-cluster-mapping: retrying /data/content/organization\?start=50&limit=50 \(attempt [23] of 3\) in \S+ after HTTP 503"), summary);
        Assert.That(lines.Where(l => l.Category.EndsWith(nameof(SyncPipeline), StringComparison.Ordinal)).Select(l => l.Message),
            Is.EqualTo(new[] { $"Sync {outcome.RunId} of us-cluster-mapping (Full) was partial: 50 read, 0 new, 0 changed, 0 quarantined published; no deletions decided, high-water mark kept. {outcome.Error}" }));
        Assert.That(lines.Select(l => l.Message), Has.All.Not.Contain(Environment.NewLine));
    }

    [Test]
    public async Task A_partial_run_is_counted_by_the_runs_metric_under_its_status()
    {
        var counted = new ConcurrentBag<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SyncTelemetry.Name && instrument.Name == "clustersync.sync.runs")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var source = tags.ToArray().FirstOrDefault(t => t.Key == "source").Value as string;
            if (source == Registry)
            {
                counted.Add(tags.ToArray().First(t => t.Key == "status").Value as string ?? "");
            }
        });
        listener.Start();
        FailMiddlePage();

        await _host.RunAsync(Registry);

        Assert.That(counted, Is.EqualTo(new[] { SyncRunStatus.Partial }));
    }

    private void FailMiddlePage() =>
        _host.Upstreams.Intercept = page => Task.FromResult<IResponseMessage?>(
            page.Source == Registry && page.Offset == SyncHarness.RegistryPageSize ? RecordedUpstreamServer.Status(503) : null);

    private async Task<JsonElement> ReadinessAsync()
    {
        using var response = await _host.Client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
