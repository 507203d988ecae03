using System.Net;
using System.Text.RegularExpressions;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>The web page at <c>/</c> and the API reference at <c>/docs</c>, served by the host with nothing from other hosts, beside the API's own routes.</summary>
[TestFixture]
public sealed partial class WebPagesTests
{
    private TestDatabase _db = null!;
    private ClusterSyncApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        _app = new ClusterSyncApp(_db.Settings);
        _client = _app.CreateClientWithKey(null);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Test]
    public async Task The_API_reference_answers_200_and_its_page_names_no_other_host()
    {
        using var response = await _client.GetAsync("/docs/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(ExternalReference().Matches(html).Select(m => m.Value), Is.Empty);
        Assert.That(html, Does.Contain("openapi/v1.json"));
    }

    [Test]
    public async Task The_API_reference_at_docs_without_a_slash_leads_to_it()
    {
        using var response = await _client.GetAsync("/docs");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("docs/"));
    }

    [TestCase("/docs/scalar.js", TestName = "The API reference's script is served by the host")]
    [TestCase("/docs/scalar.aspnetcore.js", TestName = "The API reference's start-up module is served by the host")]
    [TestCase("/js/app.js", TestName = "The web page's script is served by the host")]
    [TestCase("/vendor/world-atlas/countries-110m.json", TestName = "The world outline is served by the host")]
    public async Task An_asset_is_served_locally(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(1000));
    }

    [Test]
    public async Task The_web_page_is_served_at_the_root_and_loads_nothing_from_other_hosts()
    {
        using var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("<script type=\"module\" src=\"js/app.js\"></script>"));
        Assert.That(ExternalReference().Matches(html).Select(m => m.Value), Is.Empty);
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'"));
    }

    [Test]
    public async Task An_unknown_API_path_is_still_a_404_problem_not_the_page()
    {
        using var response = await _client.GetAsync("/v1/no-such-thing");

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.NotFound, "urn:clustersync:problem:not-found");
    }

    [TestCase("/health/live", TestName = "Health still answers beside the web page")]
    [TestCase("/openapi/v1.json", TestName = "The OpenAPI document still answers beside the web page")]
    [TestCase("/v1/organisations", TestName = "The directory still answers beside the web page")]
    public async Task The_API_routes_still_answer(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("text/html"));
    }

    /// <summary>An attribute or CSS url that loads from an absolute address (links to the sources' pages are data, not loads).</summary>
    [GeneratedRegex(@"(src|href|url)\s*[=(]\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
