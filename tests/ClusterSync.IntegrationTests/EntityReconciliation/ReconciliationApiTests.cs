using System.Net;
using System.Text;
using System.Text.Json;
using ClusterSync.Host.Reconciliation;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.EntityReconciliation;

/// <summary>
/// The W3C Entity Reconciliation API over the synced directory (both upstreams), driven as OpenRefine drives it, every answer
/// validated against the specification's JSON schemas (version 0.2). The matcher and the storage queries it uses are covered
/// on both providers elsewhere; here one provider is enough.
/// </summary>
[TestFixture]
public sealed class ReconciliationApiTests
{
    private const string Polish = "Śląski Klaster Energetyczny";
    private const string Greek = "Cluster Τροφίμων Θεσσαλίας";
    private const string Photonics = "Rochester Regional Photonics Cluster";

    private SyncHarness _host = null!;
    private List<JsonElement> _all = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory()
    {
        _host = await SharedDirectory.GetAsync(StorageProvider.Sqlite);
        _all = await _host.ListOrganisationsAsync();
    }

    private JsonElement Organisation(string name) => _all.First(o => o.GetProperty("organisation").GetProperty("name").GetString() == name);

    private static string IdOf(JsonElement organisation) => organisation.GetProperty("id").GetString()!;

    /// <summary>A batch as OpenRefine builds it: q0, q1 … with the type, a limit and the columns mapped to properties.</summary>
    private string Batch()
    {
        var country = Organisation(Polish).GetProperty("organisation").GetProperty("address").GetProperty("country").GetString();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["q0"] = new { query = Polish, type = "organisation", limit = 3, type_strict = "should", properties = new object[] { new { pid = "country", v = country } } },
            ["q1"] = new { query = "Τροφίμων Θεσσαλίας", type = "organisation", limit = 3, type_strict = "should", properties = Array.Empty<object>() },
            ["q2"] = new { query = Photonics, type = "organisation", limit = 3, type_strict = "should", properties = new object[] { new { pid = "city", v = "Rochester" }, new { pid = "country", v = "US" } } },
            ["q3"] = new { query = "Zzqxv Wobbleworks Consortium", type = "organisation", limit = 3, type_strict = "should" },
        });
    }

    [Test]
    public async Task The_manifest_validates_and_views_an_organisation_on_the_web_page()
    {
        var manifest = await _host.GetJsonAsync("/reconcile");

        await ReconciliationSchemas.AssertValidAsync("manifest.json", manifest);
        Assert.That(manifest.GetProperty("versions").EnumerateArray().Select(v => v.GetString()), Does.Contain("0.2"));
        Assert.That(manifest.GetProperty("view").GetProperty("url").GetString(), Does.EndWith("/#/organisations/{{id}}"));
        Assert.That(manifest.GetProperty("suggest").GetProperty("entity").GetProperty("service_path").GetString(), Is.EqualTo("/suggest/entity"));
        Assert.That(manifest.GetProperty("extend").GetProperty("propose_properties").GetProperty("service_path").GetString(), Is.EqualTo("/properties"));
    }

    [Test]
    public async Task The_manifest_is_wrapped_in_a_JSONP_callback_when_asked()
    {
        using var response = await _host.Client.GetAsync("/reconcile?callback=jsonp123");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/javascript"));
        Assert.That(body, Does.StartWith("/**/jsonp123(").And.EndWith(");"));
        var json = body["/**/jsonp123(".Length..^2];
        await ReconciliationSchemas.AssertValidAsync("manifest.json", JsonDocument.Parse(json).RootElement);
    }

    [TestCase("alert(1)//", TestName = "A JSONP callback with code in it is a 400 problem")]
    [TestCase("", TestName = "An empty JSONP callback is a 400 problem")]
    public async Task A_callback_that_is_not_an_identifier_is_a_problem(string callback)
    {
        using var response = await _host.Client.GetAsync("/reconcile?callback=" + Uri.EscapeDataString(callback));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task A_form_encoded_batch_finds_the_Polish_Greek_and_US_organisations_and_auto_matches_only_sure_ones()
    {
        var batch = Batch();
        await ReconciliationSchemas.AssertValidAsync("reconciliation-query-batch.json", JsonDocument.Parse(batch).RootElement);

        var results = await PostFormAsync(new() { ["queries"] = batch });

        await ReconciliationSchemas.AssertValidAsync("reconciliation-result-batch.json", results);
        Assert.That(Best(results, "q0").GetProperty("id").GetString(), Is.EqualTo(IdOf(Organisation(Polish))));
        Assert.That(Best(results, "q0").GetProperty("match").GetBoolean(), Is.True, "exact name and country: above the auto-match threshold");
        Assert.That(Best(results, "q1").GetProperty("name").GetString(), Is.EqualTo(Greek));
        Assert.That(Best(results, "q2").GetProperty("name").GetString(), Is.EqualTo(Photonics));
        Assert.That(results.GetProperty("q3").GetProperty("result").EnumerateArray().Any(c => c.GetProperty("match").GetBoolean()), Is.False);
        foreach (var query in results.EnumerateObject())
        {
            var candidates = query.Value.GetProperty("result").EnumerateArray().ToList();
            Assert.That(candidates.Count(c => c.GetProperty("match").GetBoolean()), Is.LessThanOrEqualTo(1), query.Name);
            Assert.That(candidates.Select(c => c.GetProperty("score").GetDouble()), Is.Ordered.Descending, query.Name);
            Assert.That(candidates, Has.Count.LessThanOrEqualTo(3), query.Name);
        }
    }

    [Test]
    public async Task A_JSON_body_and_a_GET_query_string_get_the_same_answer_as_the_form()
    {
        var batch = Batch();
        var form = await PostFormAsync(new() { ["queries"] = batch });

        using var json = await _host.Client.PostAsync("/reconcile", new StringContent(batch, Encoding.UTF8, "application/json"));
        var fromJson = await ReadJsonAsync(json);
        var fromGet = await _host.GetJsonAsync("/reconcile?queries=" + Uri.EscapeDataString(batch));

        Assert.That(fromJson.GetRawText(), Is.EqualTo(form.GetRawText()));
        Assert.That(fromGet.GetRawText(), Is.EqualTo(form.GetRawText()));
    }

    [Test]
    public async Task A_query_without_a_name_has_no_candidates()
    {
        var results = await PostFormAsync(new() { ["queries"] = """{"q0":{"query":"  "},"q1":{"properties":[{"pid":"country","v":"PL"}]}}""" });

        await ReconciliationSchemas.AssertValidAsync("reconciliation-result-batch.json", results);
        Assert.That(results.GetProperty("q0").GetProperty("result").GetArrayLength() + results.GetProperty("q1").GetProperty("result").GetArrayLength(), Is.Zero);
    }

    [TestCase("queries", "{not json", TestName = "Queries that are not JSON are a 400 problem")]
    [TestCase("queries", "[1,2]", TestName = "Queries that are not an object are a 400 problem")]
    [TestCase("queries", """{"q0":"Śląski"}""", TestName = "A query that is not an object is a 400 problem")]
    [TestCase("queries", """{"q0":{"query":"x","limit":-1}}""", TestName = "A negative limit is a 400 problem")]
    [TestCase("queries", """{"q0":{"query":"x","properties":[{"pid":"colour","v":"red"}]}}""", TestName = "An unknown query property is a 400 problem")]
    [TestCase("extend", """{"ids":["x"],"properties":[{"id":"colour"}]}""", TestName = "Extending an unknown property is a 400 problem")]
    [TestCase("extend", """{"ids":"x"}""", TestName = "An extension without ids and properties arrays is a 400 problem")]
    [TestCase("other", "{}", TestName = "A form without queries or extend is a 400 problem")]
    [TestCase("queries", """{"q0":{"query":42}}""", TestName = "A query that is not a string is a 400 problem")]
    [TestCase("queries", """{"q0":{"query":"x","properties":{"pid":"city"}}}""", TestName = "Query properties that are not an array are a 400 problem")]
    [TestCase("queries", """{"q0":{"query":"x","properties":[{"v":"PL"}]}}""", TestName = "A query property without a pid is a 400 problem")]
    [TestCase("extend", """{"ids":[1],"properties":[{"id":"country"}]}""", TestName = "Extension ids that are not strings are a 400 problem")]
    public async Task Malformed_requests_are_problems(string field, string value)
    {
        using var response = await _host.Client.PostAsync("/reconcile", new FormUrlEncodedContent(new Dictionary<string, string> { [field] = value }));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [TestCase("/reconcile/properties?type=person", TestName = "Proposing properties for an unknown type is a 400 problem")]
    [TestCase("/reconcile/suggest/entity?prefix=kl&limit=0", TestName = "A suggest limit below one is a 400 problem")]
    [TestCase("/reconcile?queries=%7Bnot", TestName = "GET queries that are not JSON are a 400 problem")]
    public async Task Malformed_GET_requests_are_problems(string url)
    {
        using var response = await _host.Client.GetAsync(url);

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task A_body_neither_form_nor_JSON_is_a_problem()
    {
        using var response = await _host.Client.PostAsync("/reconcile", new StringContent("queries", Encoding.UTF8, "text/plain"));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task Extending_more_than_five_hundred_ids_is_a_problem()
    {
        var extend = JsonSerializer.Serialize(new { ids = Enumerable.Range(0, 501).Select(i => "cs-" + i), properties = new[] { new { id = "country" } } });

        using var response = await _host.Client.PostAsync("/reconcile", new StringContent(extend, Encoding.UTF8, "application/json"));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task A_batch_of_more_than_a_hundred_queries_is_a_problem()
    {
        var batch = JsonSerializer.Serialize(Enumerable.Range(0, 101).ToDictionary(i => "q" + i, _ => new { query = "cluster" }));

        using var response = await _host.Client.PostAsync("/reconcile", new FormUrlEncodedContent(new Dictionary<string, string> { ["queries"] = batch }));

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task Data_extension_proposes_and_fetches_country_website_and_sectors()
    {
        var proposal = await _host.GetJsonAsync("/reconcile/properties?type=organisation");
        var withSectors = _all.First(o => o.GetProperty("organisation").GetProperty("sectors").EnumerateArray().Any(s => s.GetProperty("scheme").GetString() == "us-cluster")
            && o.GetProperty("organisation").TryGetProperty("website", out var w) && w.ValueKind == JsonValueKind.String);
        var id = IdOf(withSectors);
        var extend = JsonSerializer.Serialize(new { ids = new[] { id, "org_unknown" }, properties = new[] { "country", "website", "us-cluster", "eu-ecosystem" }.Select(p => new { id = p }) });
        await ReconciliationSchemas.AssertValidAsync("data-extension-query.json", JsonDocument.Parse(extend).RootElement);

        var extension = await PostFormAsync(new() { ["extend"] = extend });

        await ReconciliationSchemas.AssertValidAsync("data-extension-property-proposal.json", proposal);
        Assert.That(proposal.GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("id").GetString()),
            Is.SupersetOf(new[] { "country", "website", "us-cluster", "eu-ecosystem" }));
        await ReconciliationSchemas.AssertValidAsync("data-extension-response.json", extension);
        var row = extension.GetProperty("rows").GetProperty(id);
        var golden = withSectors.GetProperty("organisation");
        Assert.That(row.GetProperty("country")[0].GetProperty("str").GetString(), Is.EqualTo(golden.GetProperty("address").GetProperty("country").GetString()));
        Assert.That(row.GetProperty("website")[0].GetProperty("str").GetString(), Is.EqualTo(golden.GetProperty("website").GetString()));
        Assert.That(row.GetProperty("us-cluster").GetArrayLength(), Is.EqualTo(golden.GetProperty("sectors").EnumerateArray().Count(s => s.GetProperty("scheme").GetString() == "us-cluster")));
        Assert.That(extension.GetProperty("rows").GetProperty("org_unknown").GetProperty("country").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Suggest_services_complete_organisations_and_properties()
    {
        var entities = await _host.GetJsonAsync("/reconcile/suggest/entity?prefix=" + Uri.EscapeDataString("Śląski"));
        var properties = await _host.GetJsonAsync("/reconcile/suggest/property?prefix=coun");

        await ReconciliationSchemas.AssertValidAsync("suggest-entities-response.json", entities);
        await ReconciliationSchemas.AssertValidAsync("suggest-properties-response.json", properties);
        Assert.That(entities.GetProperty("result").EnumerateArray().Select(e => e.GetProperty("name").GetString()), Does.Contain(Polish));
        Assert.That(properties.GetProperty("result").EnumerateArray().Select(e => e.GetProperty("id").GetString()), Is.EqualTo(new[] { "country" }));
    }

    [Test]
    public async Task Entity_suggestions_page_with_the_cursor()
    {
        var both = await SuggestedIdsAsync("cluster", limit: 2, cursor: null);
        var first = await SuggestedIdsAsync("cluster", limit: 1, cursor: 0);
        var second = await SuggestedIdsAsync("cluster", limit: 1, cursor: 1);

        Assert.That(both, Has.Length.EqualTo(2), "the seeded directory has two clusters or more");
        Assert.That(first.Concat(second), Is.EqualTo(both), "a page from the cursor continues the ranked list");
        Assert.That(await SuggestedIdsAsync("cluster", limit: 10, cursor: ReconciliationService.MaxSuggestCursor), Is.Empty);
    }

    [TestCase("-1")]
    [TestCase("1001")]
    [TestCase("x")]
    public async Task A_suggest_cursor_out_of_range_is_a_400_problem(string cursor)
    {
        using var response = await _host.Client.GetAsync("/reconcile/suggest/entity?prefix=cluster&cursor=" + cursor);

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    private async Task<string[]> SuggestedIdsAsync(string prefix, int limit, int? cursor)
    {
        var url = $"/reconcile/suggest/entity?prefix={prefix}&limit={limit}" + (cursor is { } c ? $"&cursor={c}" : "");
        var response = await _host.GetJsonAsync(url);
        await ReconciliationSchemas.AssertValidAsync("suggest-entities-response.json", response);
        return [.. response.GetProperty("result").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }

    [Test]
    public async Task The_preview_is_an_HTML_card_of_the_organisation()
    {
        using var response = await _host.Client.GetAsync("/reconcile/preview?id=" + IdOf(Organisation(Greek)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("<h1>" + Greek + "</h1>"));
    }

    [Test]
    public async Task The_preview_of_an_unknown_organisation_is_a_404_problem()
    {
        using var response = await _host.Client.GetAsync("/reconcile/preview?id=org_doesnotexist");

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.NotFound, "urn:clustersync:problem:not-found");
    }

    [Test]
    public async Task Any_origin_may_post_queries_from_a_browser()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/reconcile");
        preflight.Headers.Add("Origin", "http://127.0.0.1:3333");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var response = await _host.Client.SendAsync(preflight);

        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Methods").Single(), Does.Contain("POST"));
    }

    private async Task<JsonElement> PostFormAsync(Dictionary<string, string> form)
    {
        using var response = await _host.Client.PostAsync("/reconcile", new FormUrlEncodedContent(form));
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Best(JsonElement results, string query) => results.GetProperty(query).GetProperty("result")[0];
}

/// <summary>Reconciliation responses without a key are under the anonymous rate limit, like the directory.</summary>
[TestFixture]
public sealed class ReconciliationLimitTests
{
    [Test]
    public async Task Anonymous_reconciliation_is_rate_limited_per_address()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:PermitsPerAddress"] = "2",
            ["RateLimits:Window"] = "00:10:00",
        };
        await using var app = new ClusterSyncApp(settings);
        using var client = app.CreateClientWithKey(null);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/reconcile");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }
}
