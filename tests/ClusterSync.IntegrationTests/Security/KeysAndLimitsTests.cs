using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using Microsoft.Extensions.Logging;

namespace ClusterSync.IntegrationTests.Security;

/// <summary>The scope table of the README, key management, and the limits every caller meets.</summary>
public class KeysAndLimitsTests
{
    private const string Bogus = "csk_ffffffff_not-a-key-this-service-gave";

    private TestDatabase _db = null!;

    [SetUp]
    public async Task SetUp() => _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private ClusterSyncApp App(params (string Key, string Value)[] settings) =>
        new(new Dictionary<string, string?>(_db.Settings.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))));

    private static readonly string?[] Keys = [null, ClusterSyncApp.ReaderKey, ClusterSyncApp.PartnerKey, ClusterSyncApp.OperatorKey, ClusterSyncApp.AdminKey, Bogus];

    // Columns: no key, read, partner, operator, admin, a refused key.
    [TestCase("/v1/organisations", 200, 200, 200, 200, 200, 401)]
    [TestCase("/v1/sectors", 200, 200, 200, 200, 200, 401)]
    [TestCase("/v1/organisations/cs-0000000000000000000000000a/partners", 404, 404, 404, 404, 404, 401)]
    [TestCase("/v1/changes", 401, 403, 200, 403, 200, 401)]
    [TestCase("/v1/changes/snapshot", 401, 403, 200, 403, 200, 401)]
    [TestCase("/v1/ops/runs", 401, 200, 200, 200, 200, 401)]
    [TestCase("/v1/ops/quarantine", 401, 403, 403, 200, 200, 401)]
    [TestCase("/v1/review", 401, 403, 403, 200, 200, 401)]
    [TestCase("/v1/keys", 401, 403, 403, 403, 200, 401)]
    public async Task Each_scope_reaches_what_it_may_and_nothing_else(string path, int none, int read, int partner, int @operator, int admin, int refused)
    {
        await using var app = App();
        var expected = new[] { none, read, partner, @operator, admin, refused };

        var actual = new List<int>();
        foreach (var key in Keys)
        {
            using var client = app.CreateClientWithKey(key);
            using var response = await client.GetAsync(path);
            actual.Add((int)response.StatusCode);
        }

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_401_names_the_scheme_and_is_a_problem()
    {
        await using var app = App();
        using var client = app.CreateClientWithKey(null);

        using var response = await client.GetAsync("/v1/changes");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("ApiKey"));
        Assert.That(await ProblemTypeAsync(response), Is.EqualTo("urn:clustersync:problem:unauthorized"));
    }

    [Test]
    public async Task A_403_is_a_problem()
    {
        await using var app = App();
        using var client = app.CreateClientWithKey(ClusterSyncApp.ReaderKey);

        using var response = await client.GetAsync("/v1/changes");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await ProblemTypeAsync(response), Is.EqualTo("urn:clustersync:problem:forbidden"));
    }

    [Test]
    public async Task Anonymous_access_follows_configuration()
    {
        await using var app = App(("Access:AnonymousDirectory", "false"), ("Access:AnonymousFeed", "true"));
        using var client = app.CreateClientWithKey(null);

        using var directory = await client.GetAsync("/v1/organisations");
        using var sectors = await client.GetAsync("/v1/sectors");
        using var feed = await client.GetAsync("/v1/changes");

        Assert.That((directory.StatusCode, sectors.StatusCode, feed.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK)));
    }

    [Test]
    public async Task An_admin_creates_lists_and_revokes_a_key_and_a_revoked_key_is_refused_at_once()
    {
        await using var app = App();
        using var admin = app.CreateClientWithKey(ClusterSyncApp.AdminKey);

        using var created = await admin.PostAsJsonAsync("/v1/keys", new { name = "partner system", scopes = new[] { "partner" } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = body["id"]!.GetValue<string>();
        using var partner = app.CreateClientWithKey(body["key"]!.GetValue<string>());
        using var before = await partner.GetAsync("/v1/changes");

        var listed = await admin.GetStringAsync("/v1/keys");
        using var revoked = await admin.DeleteAsync("/v1/keys/" + id);
        using var after = await partner.GetAsync("/v1/changes");
        using var again = await admin.DeleteAsync("/v1/keys/" + id);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(listed, Does.Contain(id).And.Not.Contain("sha256:"));
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("{}")]
    [TestCase("{\"name\":\"x\"}")]
    [TestCase("{\"name\":\"x\",\"scopes\":[\"root\"]}")]
    [TestCase("{\"name\":\"\",\"scopes\":[\"read\"]}")]
    [TestCase("{\"name\":\"x\",\"scopes\":[null]}")]
    [TestCase("[1,2]")]
    [TestCase("{\"name\":")]
    public async Task A_bad_key_request_is_a_400_problem(string json)
    {
        await using var app = App();
        using var admin = app.CreateClientWithKey(ClusterSyncApp.AdminKey);

        using var response = await admin.PostAsync("/v1/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ProblemTypeAsync(response), Is.EqualTo("urn:clustersync:problem:invalid-request"));
    }

    [Test]
    public async Task A_key_over_its_rate_limit_is_answered_429_with_retry_after()
    {
        await using var app = App(("RateLimits:Enabled", "true"), ("RateLimits:PermitsPerKey", "3"), ("RateLimits:Window", "00:10:00"));
        using var partner = app.CreateClientWithKey(ClusterSyncApp.PartnerKey);
        using var other = app.CreateClientWithKey(ClusterSyncApp.AdminKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await partner.GetAsync("/v1/changes");
            statuses.Add(last.StatusCode);
        }

        using var otherKey = await other.GetAsync("/v1/changes");

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That(last!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await ProblemTypeAsync(last), Is.EqualTo("urn:clustersync:problem:rate-limited"));
        Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        last.Dispose();
    }

    [Test]
    public async Task Callers_without_a_key_share_their_address_limit_and_health_is_never_limited()
    {
        await using var app = App(("RateLimits:Enabled", "true"), ("RateLimits:PermitsPerAddress", "2"), ("RateLimits:Window", "00:10:00"));
        using var anonymous = app.CreateClientWithKey(null);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await anonymous.GetAsync("/v1/organisations");
            statuses.Add(response.StatusCode);
        }

        using var health = await anonymous.GetAsync("/health/live");
        using var keyed = app.CreateClientWithKey(ClusterSyncApp.ReaderKey);
        using var withKey = await keyed.GetAsync("/v1/organisations");

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That((health.StatusCode, withKey.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
    }

    [Test]
    public async Task A_body_over_the_size_limit_is_a_413_problem()
    {
        await using var app = App(("Access:MaxRequestBodyBytes", "2048"));
        using var admin = app.CreateClientWithKey(ClusterSyncApp.AdminKey);

        using var response = await admin.PostAsync("/v1/keys", new StringContent("{\"name\":\"" + new string('x', 4096) + "\",\"scopes\":[\"read\"]}", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await ProblemTypeAsync(response), Is.EqualTo("urn:clustersync:problem:payload-too-large"));
    }

    [Test]
    public async Task A_refused_key_is_logged_at_debug_level_and_not_at_information()
    {
        var logs = new LogCapture();
        await using var app = new ClusterSyncApp(
            new Dictionary<string, string?>(_db.Settings) { ["Logging:LogLevel:ClusterSync.Host.Security"] = "Debug" }, logs);
        using var client = app.CreateClientWithKey(Bogus);
        using var warmUp = await app.CreateClientWithKey(null).GetAsync("/health/live");
        logs.Clear();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/v1/ops/runs");
        }

        var aboutKeys = logs.Entries.Where(e => e.Message.Contains("ApiKey", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("API key", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(aboutKeys.Where(e => e.Level >= LogLevel.Information), Is.Empty);
        Assert.That(aboutKeys.Count(e => e.Level == LogLevel.Debug), Is.EqualTo(3));
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]?.GetValue<string>();
    }
}
