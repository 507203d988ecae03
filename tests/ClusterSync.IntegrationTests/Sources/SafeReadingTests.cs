using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Sources.Eccp;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>A read never leaves the configured origin, never reads a body past its cap, and logs its retries as single lines.</summary>
[TestFixture]
public sealed class SafeReadingTests
{
    private static readonly string OnePage = JsonApiPages.Page(null, JsonApiPages.Resource(1, "Home"));
    private WireMockServer _server = null!;
    private WireMockServer _elsewhere = null!;

    [SetUp]
    public void StartServers()
    {
        _server = WireMockServer.Start();
        _elsewhere = WireMockServer.Start();
        _elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithBody(JsonApiPages.Page(null, JsonApiPages.Resource(9, "Elsewhere"))));
    }

    [TearDown]
    public void StopServers()
    {
        _server.Dispose();
        _elsewhere.Dispose();
    }

    [Test]
    public void A_redirect_to_another_host_fails_the_page_without_a_request_there()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", _elsewhere.Url + JsonApiPages.ListingPath));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.StartWith("eccp: page 1 (").And.Contain("was refused").And.Contain("outside the configured origin"));
        Assert.That(_elsewhere.LogEntries, Is.Empty);
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(1), "a refused redirect is not retried");
    }

    [Test]
    public async Task A_redirect_within_the_configured_origin_is_followed()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", "/moved" + JsonApiPages.ListingPath));
        _server.Given(Request.Create().WithPath("/moved" + JsonApiPages.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithBody(OnePage));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Home" }));
    }

    [Test]
    public void No_redirect_is_followed_when_MaxRedirects_is_zero()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", "/moved" + JsonApiPages.ListingPath));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:MaxRedirects"] = "0");

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.Contain("Sources:Eccp:MaxRedirects"));
    }

    [Test]
    public void A_body_larger_than_the_cap_fails_its_page_once_without_being_read()
    {
        var large = JsonApiPages.Page(null, JsonApiPages.Resource(1, new string('x', 5000)));
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).RespondWith(Response.Create().WithBody(large));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:MaxResponseBytes"] = "4096");

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.Contain("is larger than the 4096 bytes Sources:Eccp:MaxResponseBytes allows"));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(1), "a body over the cap is not asked for again");
    }

    [Test]
    public async Task A_chunked_body_without_a_length_is_cut_at_the_cap()
    {
        var large = JsonApiPages.Page(null, JsonApiPages.Resource(1, new string('x', 20_000)));
        await using var server = ScriptedHttpServer.Start(ScriptedHttpServer.Chunked(large));
        using var provider = EccpTestServer.BuildEccp(server.BaseAddress.ToString(), s => s[$"{SourcesHarness.EccpSection}:MaxResponseBytes"] = "8192");

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.Contain("is larger than the 8192 bytes").And.Contain("no Content-Length"));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task A_chunked_body_within_the_cap_is_read()
    {
        await using var server = ScriptedHttpServer.Start(ScriptedHttpServer.Chunked(OnePage));
        using var provider = EccpTestServer.BuildEccp(server.BaseAddress.ToString(), s => s[$"{SourcesHarness.EccpSection}:MaxResponseBytes"] = "8192");

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Home" }));
    }

    [Test]
    public async Task A_handled_retry_is_one_warning_line_naming_the_upstream_path_attempt_and_reason_without_a_stack_trace()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("s").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("s").WhenStateIs("up")
            .RespondWith(Response.Create().WithBody(OnePage));
        var logs = new LogCapture();
        using var provider = EccpTestServer.BuildEccp(_server.Url!, logs: logs);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        var warnings = logs.AtLeast(LogLevel.Warning);
        Assert.That(warnings, Has.Count.EqualTo(1), string.Join(Environment.NewLine, warnings));
        Assert.That(warnings[0].Message, Does.Match(@"^eccp: retrying /jsonapi/node/cluster_organisation\?\S+ \(attempt 2 of 4\) in \S+ after HTTP 503 Service Unavailable$"));
        Assert.That(logs.Entries.Where(e => e.Exception is not null), Is.Empty);
    }

    [Test]
    public async Task A_timed_out_attempt_is_one_warning_line_in_plain_words()
    {
        var calls = 0;
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).RespondWith(Response.Create().WithCallback(async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            return SourcesHarness.Json(200, OnePage);
        }));
        var logs = new LogCapture();
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:AttemptTimeout"] = "00:00:01", logs);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        var warnings = logs.AtLeast(LogLevel.Warning);
        Assert.That(warnings.Select(w => w.Message), Has.Exactly(1).Contains("(attempt 2 of 4)").And.EndsWith("after no answer within the attempt timeout of 0:00:01"));
        Assert.That(warnings, Has.Count.EqualTo(1), string.Join(Environment.NewLine, warnings));
        Assert.That(logs.Entries.Where(e => e.Exception is not null), Is.Empty);
    }
}
