using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClusterSync.IntegrationTests.Host;

[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public class HostHttpTests(StorageProvider provider)
{
    private TestDatabase _db = null!;
    private ClusterSyncApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _db = await TestDatabase.CreateAsync(provider, migrate: false);
        _app = new ClusterSyncApp(_db.Settings);
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Test]
    public async Task Liveness_answers_ok()
    {
        var response = await _client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Readiness_is_ok_once_migrations_ran_at_start()
    {
        var response = await _client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_empty_directory_lists_no_organisations()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/v1/organisations");

        Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(page.GetProperty("total").GetInt32(), Is.Zero);
    }

    [TestCase("/v1/organisations/cs-0000000000000000000000000a", 404, "urn:clustersync:problem:not-found")]
    [TestCase("/v1/organisations/nonsense", 404, "urn:clustersync:problem:not-found")]
    [TestCase("/v1/organisations?limit=0", 400, "urn:clustersync:problem:invalid-request")]
    [TestCase("/v1/organisations?limit=abc", 400, "urn:clustersync:problem:invalid-request")]
    [TestCase("/v1/organisations?country=Germany", 400, "urn:clustersync:problem:invalid-request")]
    [TestCase("/v1/organisations?cursor=zzz", 400, "urn:clustersync:problem:invalid-request")]
    [TestCase("/v1/no-such-route", 404, "urn:clustersync:problem:not-found")]
    [TestCase("/v1/ops/quarantine", 401, "urn:clustersync:problem:unauthorized")]
    public async Task Bad_requests_get_problem_details_never_a_500(string url, int status, string type)
    {
        var response = await _client.GetAsync(url);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo(type));
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(status));
    }

    [Test]
    public async Task A_read_scoped_key_cannot_use_operator_endpoints()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/ops/quarantine");
        request.Headers.Add("X-Api-Key", ClusterSyncApp.ReaderKey);

        var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_operator_key_reads_the_quarantine()
    {
        using var client = _app.CreateOperatorClient();

        var response = await client.GetAsync("/v1/ops/quarantine");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_OpenAPI_document_describes_the_organisations_api()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.That(document.GetProperty("paths").TryGetProperty("/v1/organisations/{id}", out _), Is.True);
    }
}
