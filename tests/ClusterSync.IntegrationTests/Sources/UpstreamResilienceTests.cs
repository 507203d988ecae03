using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>The resilience pipeline of an upstream client, exercised through the ECCP connector over real HTTP.</summary>
[TestFixture]
public sealed class UpstreamResilienceTests
{
    private static readonly string OnePage = JsonApiPages.Page(null, JsonApiPages.Resource(1, "Recovered"));
    private WireMockServer _server = null!;

    [SetUp]
    public void StartServer() => _server = WireMockServer.Start();

    [TearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Status_500_is_retried_and_the_page_then_read()
    {
        ServeInTurn(Response.Create().WithStatusCode(500), Ok(OnePage));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Recovered" }));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Status_429_waits_for_Retry_After_before_the_next_attempt()
    {
        ServeInTurn(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2"), Ok(OnePage));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        var times = _server.RequestTimes();
        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1950)));
    }

    [Test]
    public async Task A_connection_reset_is_retried_and_the_page_then_read()
    {
        await using var server = ScriptedHttpServer.Start(ScriptedHttpServer.Reset(), ScriptedHttpServer.Json(OnePage));
        using var provider = EccpTestServer.BuildEccp(server.BaseAddress.ToString());

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Recovered" }));
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task A_body_shorter_than_its_Content_Length_is_retried_and_the_page_then_read()
    {
        await using var server = ScriptedHttpServer.Start(ScriptedHttpServer.Truncated(OnePage), ScriptedHttpServer.Json(OnePage));
        using var provider = EccpTestServer.BuildEccp(server.BaseAddress.ToString());

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Recovered" }));
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task A_page_that_is_not_valid_JSON_is_retried_and_the_page_then_read()
    {
        ServeInTurn(Ok(OnePage[..(OnePage.Length / 2)]), Ok(OnePage));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Recovered" }));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public void A_page_that_stays_invalid_JSON_fails_the_read_naming_the_page()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).RespondWith(Ok("""{"data":[{"type":"node--clu"""));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.Contain("not valid JSON").And.Contain(_server.Url + JsonApiPages.ListingPath));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(4));
    }

    [Test]
    public void Exhausted_retries_fail_the_read_with_the_status_and_the_page()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.Contain("HTTP 503").And.Contain("4 attempt(s)").And.Contain(JsonApiPages.ListingPath));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(4));
    }

    [Test]
    public void The_circuit_opens_after_repeated_failures_and_later_reads_fail_fast()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s =>
        {
            s[$"{SourcesHarness.EccpSection}:CircuitBreaker:MinimumThroughput"] = "2";
            s[$"{SourcesHarness.EccpSection}:CircuitBreaker:FailureRatio"] = "0.5";
        });
        var connector = provider.Connector(EccpRegistration.SourceId);

        var first = Assert.ThrowsAsync<UpstreamException>(() => connector.ReadAllAsync());
        var requestsWhenOpened = _server.LogEntries.Count();
        var second = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(first!.Message, Does.Contain("circuit breaker is open").And.Contain("page 1"));
        Assert.That(requestsWhenOpened, Is.EqualTo(2));
        Assert.That(second!.Message, Does.Contain("circuit breaker is open"));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(requestsWhenOpened));
    }

    [Test]
    public async Task Requests_to_ECCP_start_at_least_a_second_apart_by_default()
    {
        _server.ServePages(
            JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=1", JsonApiPages.Resource(1, "A")),
            ("1", JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=2", JsonApiPages.Resource(2, "B"))),
            ("2", JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=3", JsonApiPages.Resource(3, "C"))),
            ("3", JsonApiPages.Page(null, JsonApiPages.Resource(4, "D"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s.Remove($"{SourcesHarness.EccpSection}:RequestsPerSecond"));

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        // The first request also opens the connection, so only gaps between requests on a warm connection
        // measure the client's spacing exactly.
        var times = _server.RequestTimes();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.That(items, Has.Count.EqualTo(4));
        Assert.That(gaps[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(gaps.Skip(1), Has.All.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    private static IResponseBuilder Ok(string body) =>
        Response.Create().WithHeader("Content-Type", EccpTestServer.JsonApi).WithBody(body);

    /// <summary>Answers the listing with each response in turn, the last one from then on.</summary>
    private void ServeInTurn(params IResponseBuilder[] responses)
    {
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("turns");
            if (i > 0)
            {
                mapping = mapping.WhenStateIs($"turn {i}");
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"turn {i + 1}");
            }

            mapping.RespondWith(responses[i]);
        }
    }
}
