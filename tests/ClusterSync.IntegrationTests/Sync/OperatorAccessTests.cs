using System.Net;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>Who may use the operator endpoints, and how they refuse bad decisions.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class OperatorAccessTests(StorageProvider provider)
{
    private const string ValidDecision = """{"left":"us-cluster-mapping:153","right":"us-cluster-mapping:1161","kind":"cannot-link","reason":"x"}""";

    private SyncHarness _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await SyncHarness.StartAsync(provider);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public static IEnumerable<TestCaseData> OperatorEndpoints()
    {
        yield return new TestCaseData("GET", "/v1/review", null).SetArgDisplayNames("GET /v1/review");
        yield return new TestCaseData("POST", "/v1/review/1/accept", "{}").SetArgDisplayNames("POST /v1/review/1/accept");
        yield return new TestCaseData("POST", "/v1/review/1/reject", "{}").SetArgDisplayNames("POST /v1/review/1/reject");
        yield return new TestCaseData("GET", "/v1/decisions", null).SetArgDisplayNames("GET /v1/decisions");
        yield return new TestCaseData("POST", "/v1/decisions", ValidDecision).SetArgDisplayNames("POST /v1/decisions");
        yield return new TestCaseData("DELETE", "/v1/decisions/1", null).SetArgDisplayNames("DELETE /v1/decisions/1");
        yield return new TestCaseData("GET", "/v1/ops/quarantine", null).SetArgDisplayNames("GET /v1/quarantine");
    }

    [TestCaseSource(nameof(OperatorEndpoints))]
    public async Task An_operator_endpoint_without_a_key_answers_a_401_problem(string method, string url, string? body)
    {
        using var response = await _host.Client.SendAsync(Request(method, url, body, key: null));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "urn:clustersync:problem:unauthorized");
    }

    [TestCaseSource(nameof(OperatorEndpoints))]
    public async Task An_operator_endpoint_refuses_a_read_scoped_key_with_a_403_problem(string method, string url, string? body)
    {
        using var response = await _host.Client.SendAsync(Request(method, url, body, ClusterSyncApp.ReaderKey));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.Forbidden, "urn:clustersync:problem:forbidden");
    }

    [TestCase("""{"left":"153","right":"us-cluster-mapping:1161","kind":"cannot-link","reason":"x"}""", TestName = "A decision on a malformed record key is a 400 problem")]
    [TestCase("""{"left":"us-cluster-mapping:153","right":"us-cluster-mapping:1161","kind":"maybe","reason":"x"}""", TestName = "A decision of an unknown kind is a 400 problem")]
    [TestCase("""{"left":"us-cluster-mapping:153","right":"us-cluster-mapping:153","kind":"must-link","reason":"x"}""", TestName = "A decision about one record with itself is a 400 problem")]
    [TestCase("""{"left":"us-cluster-mapping:153","right":"us-cluster-mapping:1161","kind":"must-link","reason":" "}""", TestName = "A decision without a reason is a 400 problem")]
    [TestCase("""{"left":""", TestName = "A decision that is not JSON is a 400 problem")]
    public async Task A_bad_decision_is_a_400_problem(string body)
    {
        using var response = await _host.Operator.SendAsync(Request("POST", "/v1/decisions", body, key: null));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [TestCase("DELETE", "/v1/decisions/424242", TestName = "Revoking an unknown decision is a 404 problem")]
    [TestCase("POST", "/v1/review/424242/accept", TestName = "Accepting an unknown review item is a 404 problem")]
    public async Task An_unknown_decision_or_review_item_is_a_404_problem(string method, string url)
    {
        using var response = await _host.Operator.SendAsync(Request(method, url, method == "POST" ? "{}" : null, key: null));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.NotFound, "urn:clustersync:problem:not-found");
    }

    private static HttpRequestMessage Request(string method, string url, string? body, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}
