using System.Net;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>ETag / If-None-Match, HEAD, and CORS (off by default, configurable; always on for reconciliation).</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class HttpCachingAndCorsTests(StorageProvider provider)
{
    private SyncHarness _host = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory() => _host = await SharedDirectory.GetAsync(provider);

    [TestCase("/v1/organisations?country=DE&limit=5")]
    [TestCase("/v1/organisations/facets")]
    [TestCase("/v1/sectors")]
    public async Task A_list_answers_304_to_the_etag_it_gave(string url)
    {
        using var first = await _host.Client.GetAsync(url);
        var etag = first.Headers.ETag;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag!);

        using var again = await _host.Client.SendAsync(request);

        Assert.That(etag, Is.Not.Null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task A_changed_query_gets_another_etag()
    {
        using var german = await _host.Client.GetAsync("/v1/organisations?country=DE");
        using var french = await _host.Client.GetAsync("/v1/organisations?country=FR");

        Assert.That(german.Headers.ETag, Is.Not.EqualTo(french.Headers.ETag));
    }

    [TestCase("/v1/organisations?limit=3")]
    [TestCase("/v1/sectors")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        using var get = await _host.Client.GetAsync(url);
        using var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task Cors_is_off_by_default_and_always_on_for_reconciliation()
    {
        using var directory = await SendWithOriginAsync(_host.Client, "/v1/organisations?limit=1");
        using var match = await SendWithOriginAsync(_host.Client, "/v1/match?left=us-cluster-mapping:153&right=us-cluster-mapping:1161");

        Assert.That(directory.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        Assert.That(match.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
    }

    [Test]
    public async Task Cors_allows_the_configured_origins_only()
    {
        var settings = new Dictionary<string, string?>(_host.Settings) { ["Cors:AllowedOrigins:0"] = "https://analyst.example" };
        await using var app = new ClusterSyncApp(settings);
        var client = app.CreateClient();

        using var allowed = await SendWithOriginAsync(client, "/v1/organisations?limit=1");
        using var other = await SendWithOriginAsync(client, "/v1/organisations?limit=1", "https://elsewhere.example");

        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://analyst.example"));
        Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    private static async Task<HttpResponseMessage> SendWithOriginAsync(HttpClient client, string url, string origin = "https://analyst.example")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }
}
