using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.Host.Webhooks;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>The subscription endpoints: who sees what, and which targets are refused.</summary>
public class WebhookSubscriptionTests
{
    private WebhookHarness _hooks = null!;

    [SetUp]
    public async Task SetUp() => _hooks = await WebhookHarness.StartAsync(StorageProvider.Sqlite);

    [TearDown]
    public async Task TearDown()
    {
        if (_hooks is not null)
        {
            await _hooks.DisposeAsync();
        }
    }

    [TestCase("https://127.0.0.2/hook", TestName = "Loopback address")]
    [TestCase("https://10.0.0.7/hook", TestName = "Private address")]
    [TestCase("https://192.168.1.1/hook", TestName = "Private address (192.168/16)")]
    [TestCase("https://169.254.169.254/latest/meta-data", TestName = "Link-local address (cloud metadata)")]
    [TestCase("https://100.64.0.1/hook", TestName = "CGNAT address")]
    [TestCase("https://[::1]/hook", TestName = "IPv6 loopback")]
    [TestCase("https://[fd00::1]/hook", TestName = "IPv6 unique-local")]
    [TestCase("https://[fe80::1]/hook", TestName = "IPv6 link-local")]
    [TestCase("https://[::ffff:10.0.0.1]/hook", TestName = "IPv4-mapped private address")]
    [TestCase("https://224.0.0.1/hook", TestName = "Multicast address")]
    [TestCase("https://internal.partner.test/hook", TestName = "A name that resolves to a private address")]
    [TestCase("https://unknown.partner.test/hook", TestName = "A name that does not resolve")]
    [TestCase("http://hooks.partner.test/hook", TestName = "http to a host not allowlisted")]
    [TestCase("ftp://hooks.partner.test/hook", TestName = "Another scheme")]
    [TestCase("https://user:pw@hooks.partner.test/hook", TestName = "User information")]
    [TestCase("/relative", TestName = "A relative URL")]
    public async Task A_target_that_is_not_public_https_is_refused_at_creation(string url)
    {
        _hooks.Resolver.Set("internal.partner.test", "203.0.113.5", "192.168.0.5");
        _hooks.Resolver.Set("hooks.partner.test", "203.0.113.10");

        using var response = await _hooks.Partner.PostAsJsonAsync("/v1/webhooks", new { url });

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("urn:clustersync:problem:webhook-target-refused"));
    }

    [Test]
    public async Task A_public_https_target_is_accepted_and_its_secret_shown_only_at_creation()
    {
        _hooks.Resolver.Set("hooks.partner.test", "203.0.113.10", "2001:db8::10");

        using var response = await _hooks.Partner.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.partner.test/hook", eventTypes = new[] { "organisation.merged" } });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("subscription").GetProperty("id").GetString();
        var read = await _hooks.GetAsync($"/v1/webhooks/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.GetProperty("secret").GetString(), Does.StartWith("whsec_"));
        Assert.That(Convert.FromBase64String(created.GetProperty("secret").GetString()!["whsec_".Length..]), Has.Length.EqualTo(32));
        Assert.That(read.ToString(), Does.Not.Contain(created.GetProperty("secret").GetString()!).And.Not.Contain("secret\""));
        Assert.That(read.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "organisation.merged" }));
    }

    [Test]
    public async Task Unknown_event_types_and_a_missing_body_are_invalid_requests()
    {
        using var types = await _hooks.Partner.PostAsJsonAsync("/v1/webhooks", new { url = _hooks.Receiver.Endpoint.ToString(), eventTypes = new[] { "organisation.exploded" } });
        using var empty = await _hooks.Partner.PostAsync("/v1/webhooks", JsonContent.Create<object?>(null));

        Assert.That(new[] { types.StatusCode, empty.StatusCode }, Is.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await types.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), Is.EqualTo("urn:clustersync:problem:invalid-request"));
    }

    [Test]
    public async Task A_partners_subscription_past_the_maximum_is_a_conflict_and_another_partner_can_still_subscribe()
    {
        var max = new WebhookOptions().MaxSubscriptionsPerOwner;
        var url = _hooks.Receiver.Endpoint.ToString();
        var accepted = new List<HttpStatusCode>();
        for (var i = 0; i < max; i++)
        {
            using var created = await _hooks.Partner.PostAsJsonAsync("/v1/webhooks", new { url });
            accepted.Add(created.StatusCode);
        }

        using var oneTooMany = await _hooks.Partner.PostAsJsonAsync("/v1/webhooks", new { url });
        using var another = await _hooks.OtherPartner.PostAsJsonAsync("/v1/webhooks", new { url });

        var problem = await oneTooMany.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(max, Is.EqualTo(50));
        Assert.That(accepted, Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(oneTooMany.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(oneTooMany.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("urn:clustersync:problem:conflict"));
        Assert.That(another.StatusCode, Is.EqualTo(HttpStatusCode.Created), await another.Content.ReadAsStringAsync());
        Assert.That((await _hooks.GetAsync("/v1/webhooks")).GetArrayLength(), Is.EqualTo(max));
    }

    [Test]
    public async Task A_partner_cannot_see_or_touch_another_partners_subscription()
    {
        var mine = await _hooks.SubscribeAsync();

        var list = await _hooks.GetAsync("/v1/webhooks", _hooks.OtherPartner);
        var statuses = new List<HttpStatusCode>();
        foreach (var request in new Func<HttpRequestMessage>[]
        {
            () => new(HttpMethod.Get, $"/v1/webhooks/{mine.Id}"),
            () => new(HttpMethod.Get, $"/v1/webhooks/{mine.Id}/deliveries"),
            () => new(HttpMethod.Post, $"/v1/webhooks/{mine.Id}/ping"),
            () => new(HttpMethod.Post, $"/v1/webhooks/{mine.Id}/rotate-secret") { Content = JsonContent.Create(new { }) },
            () => new(HttpMethod.Patch, $"/v1/webhooks/{mine.Id}") { Content = JsonContent.Create(new { enabled = false }) },
            () => new(HttpMethod.Delete, $"/v1/webhooks/{mine.Id}"),
        })
        {
            using var message = request();
            using var response = await _hooks.OtherPartner.SendAsync(message);
            statuses.Add(response.StatusCode);
        }

        var adminSees = await _hooks.GetAsync($"/v1/webhooks/{mine.Id}", _hooks.Admin);
        Assert.That(list.GetArrayLength(), Is.Zero);
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(adminSees.GetProperty("owner").GetString(), Is.EqualTo("test partner"));
        Assert.That((await _hooks.Receiver.ReceivedAsync()), Is.Empty, "the other partner's ping sent nothing");
    }

    [Test]
    public async Task Readers_and_operators_may_not_manage_subscriptions()
    {
        using var reader = _hooks.App.CreateClientWithKey(ClusterSyncApp.ReaderKey);
        using var anonymous = _hooks.App.CreateClientWithKey(null);

        using var asReader = await reader.GetAsync("/v1/webhooks");
        using var asNobody = await anonymous.GetAsync("/v1/webhooks");

        Assert.That((asReader.StatusCode, asNobody.StatusCode), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized)));
    }

    [Test]
    public async Task Disabling_updating_and_deleting_a_subscription()
    {
        var subscription = await _hooks.SubscribeAsync();

        using var disable = await _hooks.Partner.PatchAsJsonAsync($"/v1/webhooks/{subscription.Id}", new { enabled = false, eventTypes = new[] { "organisation.created" } });
        var disabled = await disable.Content.ReadFromJsonAsync<JsonElement>();
        await _hooks.PublishAsync(1);
        _hooks.Time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        var receivedWhileDisabled = (await _hooks.Receiver.ReceivedAsync()).Count;
        using var enable = await _hooks.Partner.PatchAsJsonAsync($"/v1/webhooks/{subscription.Id}", new { enabled = true });
        await _hooks.RunUntilAsync(async () => (await _hooks.Receiver.ReceivedAsync()).Count == 1, "the delivery after enabling");
        using var delete = await _hooks.Partner.DeleteAsync($"/v1/webhooks/{subscription.Id}");
        using var gone = await _hooks.Partner.GetAsync($"/v1/webhooks/{subscription.Id}");

        Assert.That(disabled.GetProperty("state").GetString(), Is.EqualTo("disabled"));
        Assert.That(receivedWhileDisabled, Is.Zero);
        Assert.That((delete.StatusCode, gone.StatusCode), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NotFound)));
    }

    [TestCase("127.0.0.1", false)]
    [TestCase("10.255.255.255", false)]
    [TestCase("172.16.0.1", false)]
    [TestCase("172.31.255.255", false)]
    [TestCase("100.127.0.1", false)]
    [TestCase("0.0.0.0", false)]
    [TestCase("255.255.255.255", false)]
    [TestCase("fc00::1", false)]
    [TestCase("ff02::1", false)]
    [TestCase("::", false)]
    [TestCase("8.8.8.8", true)]
    [TestCase("172.32.0.1", true)]
    [TestCase("100.128.0.1", true)]
    [TestCase("2606:4700::1111", true)]
    public void Public_addresses_are_told_from_the_others(string address, bool expected) =>
        Assert.That(WebhookTargetPolicy.IsPublic(IPAddress.Parse(address)), Is.EqualTo(expected));
}
