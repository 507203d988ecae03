using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Telemetry;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class SourcesTelemetryTests
{
    private WireMockServer _server = null!;
    private MeterListener _listener = null!;
    private ConcurrentDictionary<string, long> _counts = null!;

    [SetUp]
    public void Start()
    {
        _server = WireMockServer.Start();
        _counts = new ConcurrentDictionary<string, long>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SourcesTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var source = "";
            var outcome = "";
            foreach (var tag in tags)
            {
                source = tag.Key == SourcesTelemetry.SourceTag ? tag.Value as string ?? "" : source;
                outcome = tag.Key == SourcesTelemetry.OutcomeTag ? "/" + tag.Value : outcome;
            }

            if (source == EccpRegistration.SourceId)
            {
                _counts.AddOrUpdate(instrument.Name + outcome, value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    [TearDown]
    public void Stop()
    {
        _listener.Dispose();
        _server.Dispose();
    }

    [Test]
    public async Task Requests_retries_and_records_are_counted_per_source()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("s").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("s").WhenStateIs("up")
            .RespondWith(Response.Create().WithBody(JsonApiPages.Page(null, JsonApiPages.Resource(1, "A"), "[]", JsonApiPages.Resource(2, "B"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(Count(SourcesTelemetry.RequestsCounterName), Is.EqualTo(2));
        Assert.That(Count(SourcesTelemetry.RetriesCounterName), Is.EqualTo(1));
        Assert.That(Count(SourcesTelemetry.RecordsCounterName + "/readable"), Is.EqualTo(2));
        Assert.That(Count(SourcesTelemetry.RecordsCounterName + "/unreadable"), Is.EqualTo(1));
        Assert.That(Count(SourcesTelemetry.FailuresCounterName), Is.Zero);
    }

    [Test]
    public void A_page_call_that_fails_for_good_is_counted_as_a_failure()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:MaxRetryAttempts"] = "1");

        Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(Count(SourcesTelemetry.FailuresCounterName), Is.EqualTo(1));
        Assert.That(Count(SourcesTelemetry.RequestsCounterName), Is.EqualTo(2));
    }

    [Test]
    public async Task Each_page_call_is_an_activity_tagged_with_source_url_and_item_count()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourcesTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        _server.ServePages(
            JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=2", JsonApiPages.Resource(1, "A"), JsonApiPages.Resource(2, "B")),
            ("2", JsonApiPages.Page(null, JsonApiPages.Resource(3, "C"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        var pages = activities.Where(a => a.OperationName == SourcesTelemetry.PageActivityName).ToList();
        Assert.That(pages.Select(a => a.GetTagItem(SourcesTelemetry.PageItemsTag)), Is.EqualTo(new object[] { 2, 1 }));
        Assert.That(pages.Select(a => a.GetTagItem(SourcesTelemetry.SourceTag)), Has.All.EqualTo(EccpRegistration.SourceId));
        Assert.That(pages[1].GetTagItem(SourcesTelemetry.PageUrlTag) as string, Does.Contain("page%5Boffset%5D=2"));
    }

    private long Count(string name) => _counts.GetValueOrDefault(name);
}
