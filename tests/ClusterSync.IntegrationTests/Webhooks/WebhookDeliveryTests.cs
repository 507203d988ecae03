using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>Deliveries through the real host to a node receiver that verifies each signature with npm standardwebhooks.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public class WebhookDeliveryTests(StorageProvider provider)
{
    private WebhookHarness _hooks = null!;

    [SetUp]
    public async Task SetUp() => _hooks = await WebhookHarness.StartAsync(provider);

    [TearDown]
    public async Task TearDown()
    {
        if (_hooks is not null)
        {
            await _hooks.DisposeAsync();
        }
    }

    [Test]
    public async Task A_delivery_that_fails_at_first_succeeds_after_backoff_signed_and_with_one_webhook_id()
    {
        var subscription = await _hooks.SubscribeAsync();
        await _hooks.Receiver.FailNextAsync(3);

        await _hooks.PublishAsync(1);
        await _hooks.RunUntilAsync(async () => (await _hooks.DeliveriesAsync(subscription.Id)).Any(d => d.GetProperty("succeeded").GetBoolean()),
            "a successful delivery logged");

        var received = await _hooks.Receiver.ReceivedAsync();
        var log = await _hooks.DeliveriesAsync(subscription.Id);
        Assert.That(received.Select(r => r.Status), Is.EqualTo(new[] { 503, 503, 503, 204 }));
        Assert.That(received.Select(r => r.Verified), Is.All.True);
        Assert.That(received.Select(r => r.WebhookId).Distinct().ToList(), Has.Count.EqualTo(1));
        Assert.That(received[0].Type, Is.EqualTo("organisation.created"));
        Assert.That(log.Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("succeeded").GetBoolean())),
            Is.EqualTo(new[] { (1, false), (2, false), (3, false), (4, true) }));
        var at = log.Select(d => d.GetProperty("at").GetDateTimeOffset()).ToList();
        var waits = at.Zip(at.Skip(1), (a, b) => b - a).ToList();
        Assert.That(waits.Select((wait, i) => wait >= TimeSpan.FromSeconds(2 * Math.Pow(2, i) * 0.8)), Is.All.True,
            $"each retry waits at least the doubled delay less 20 % jitter: {string.Join(", ", waits)}");
    }

    [Test]
    public async Task Events_arrive_in_sequence_order_and_the_next_waits_until_the_one_before_succeeded()
    {
        await _hooks.SubscribeAsync();
        await _hooks.Receiver.FailNextAsync(2);

        await _hooks.PublishAsync([.. Enumerable.Range(1, 30)]);
        await _hooks.RunUntilAsync(async () => (await _hooks.Receiver.ReceivedAsync()).Count(r => r.Status == 204) >= 30, "30 deliveries");

        var received = await _hooks.Receiver.ReceivedAsync();
        var delivered = received.Where(r => r.Status == 204).Select(r => long.Parse(r.EventId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(delivered, Is.Ordered.Ascending.And.Unique);
        Assert.That(received.Take(3).Select(r => r.EventId).Distinct().ToList(), Has.Count.EqualTo(1), "nothing overtakes the failing event");
    }

    [Test]
    public async Task A_subscription_receives_only_its_event_types()
    {
        await _hooks.SubscribeAsync(types: ["organisation.deleted"]);

        await _hooks.PublishAsync(1, 2, 3);
        await _hooks.PublishAsync(1);
        await _hooks.RunUntilAsync(async () => (await _hooks.Receiver.ReceivedAsync()).Count >= 2, "two deletions");

        var received = await _hooks.Receiver.ReceivedAsync();
        Assert.That(received.Select(r => r.Type), Is.All.EqualTo("organisation.deleted"));
    }

    [Test]
    public async Task A_host_that_resolves_to_a_private_address_later_is_refused_at_delivery()
    {
        _hooks.Resolver.Set("hooks.partner.test", "203.0.113.10");
        var subscription = await _hooks.SubscribeAsync("https://hooks.partner.test/hook");
        _hooks.Resolver.Set("hooks.partner.test", "10.1.2.3");

        await _hooks.PublishAsync(1);
        await _hooks.RunUntilAsync(async () => (await _hooks.DeliveriesAsync(subscription.Id)).Count > 0, "an attempt");

        var attempt = (await _hooks.DeliveriesAsync(subscription.Id))[0];
        Assert.That(attempt.GetProperty("succeeded").GetBoolean(), Is.False);
        Assert.That(attempt.GetProperty("error").GetString(), Does.Contain("10.1.2.3").And.Contain("not a public address"));
    }

    [Test]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        var subscription = await _hooks.SubscribeAsync();
        await _hooks.Receiver.RedirectAsync(true);

        await _hooks.PublishAsync(1);
        await _hooks.RunUntilAsync(async () => (await _hooks.DeliveriesAsync(subscription.Id)).Count >= 2, "two attempts");

        var log = await _hooks.DeliveriesAsync(subscription.Id);
        var received = await _hooks.Receiver.ReceivedAsync();
        Assert.That(log.Select(d => d.GetProperty("statusCode").GetInt32()), Is.All.EqualTo(307));
        Assert.That(log.Select(d => d.GetProperty("succeeded").GetBoolean()), Is.All.False);
        Assert.That(received, Has.Count.EqualTo(log.Count), "no request followed the redirect");
    }

    [Test]
    public async Task Ping_sends_a_signed_ping_and_returns_the_attempt()
    {
        var subscription = await _hooks.SubscribeAsync();

        using var response = await _hooks.Partner.PostAsync($"/v1/webhooks/{subscription.Id}/ping", null);

        var attempt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var received = await _hooks.Receiver.ReceivedAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((attempt.GetProperty("succeeded").GetBoolean(), attempt.GetProperty("trigger").GetString()), Is.EqualTo((true, "ping")));
        Assert.That(received.Single().Type, Is.EqualTo("webhook.ping"));
        Assert.That(received.Single().Verified, Is.True);
    }

    [Test]
    public async Task Redelivery_sends_the_same_message_again_and_logs_the_next_attempt()
    {
        var subscription = await _hooks.SubscribeAsync();
        await _hooks.PublishAsync(1);
        await _hooks.RunUntilAsync(async () => (await _hooks.DeliveriesAsync(subscription.Id)).Count == 1, "the delivery logged");
        var first = (await _hooks.DeliveriesAsync(subscription.Id)).Single();

        using var response = await _hooks.Partner.PostAsync($"/v1/webhooks/{subscription.Id}/deliveries/{first.GetProperty("id").GetInt64()}/redeliver", null);

        var again = await response.Content.ReadFromJsonAsync<JsonElement>();
        var received = await _hooks.Receiver.ReceivedAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((again.GetProperty("trigger").GetString(), again.GetProperty("attempt").GetInt32()), Is.EqualTo(("redeliver", 2)));
        Assert.That(received.Select(r => r.WebhookId).Distinct().ToList(), Has.Count.EqualTo(1));
        Assert.That(received.Select(r => r.Verified), Is.All.True);
        Assert.That(received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task After_a_rotation_both_secrets_sign_until_the_grace_period_ends()
    {
        var subscription = await _hooks.SubscribeAsync();
        using var rotate = await _hooks.Partner.PostAsJsonAsync($"/v1/webhooks/{subscription.Id}/rotate-secret", new { graceHours = 0.01 });
        var rotated = (await rotate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        await _hooks.Receiver.SetSecretsAsync(subscription.Secret);
        var oldDuringGrace = await PingAsync(subscription.Id);
        await _hooks.Receiver.SetSecretsAsync(rotated);
        var newDuringGrace = await PingAsync(subscription.Id);
        _hooks.Time.Advance(TimeSpan.FromMinutes(1));
        await _hooks.Receiver.SetSecretsAsync(subscription.Secret);
        var oldAfterGrace = await PingAsync(subscription.Id);
        await _hooks.Receiver.SetSecretsAsync(rotated);
        var newAfterGrace = await PingAsync(subscription.Id);

        Assert.That(rotated, Is.Not.EqualTo(subscription.Secret).And.StartWith("whsec_"));
        Assert.That((oldDuringGrace, newDuringGrace, oldAfterGrace, newAfterGrace), Is.EqualTo((true, true, false, true)));
    }

    [Test]
    public async Task A_subscription_failing_for_24_hours_is_disabled_with_a_reason()
    {
        var subscription = await _hooks.SubscribeAsync();
        await _hooks.Receiver.FailNextAsync(1_000_000, 500);

        await _hooks.PublishAsync(1);
        await _hooks.RunUntilAsync(async () => (await _hooks.GetAsync($"/v1/webhooks/{subscription.Id}")).GetProperty("state").GetString() == "disabled",
            "the subscription disabled", step: TimeSpan.FromMinutes(10), maxSteps: 400);

        var disabled = await _hooks.GetAsync($"/v1/webhooks/{subscription.Id}");
        var log = await _hooks.DeliveriesAsync(subscription.Id);
        Assert.That(disabled.GetProperty("disabledReason").GetString(), Does.Contain("24 h").And.Contain("HTTP 500"));
        Assert.That(log[^1].GetProperty("at").GetDateTimeOffset() - log[0].GetProperty("at").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(TimeSpan.FromHours(24)));
        Assert.That(log, Has.Count.InRange(10, 60), "retried with growing waits, not every poll");
    }

    [Test]
    public void The_backoff_doubles_with_jitter_up_to_the_longest_wait()
    {
        var options = new ClusterSync.Host.Webhooks.WebhookOptions { FirstRetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromHours(1) };

        var waits = Enumerable.Range(1, 15).Select(n => ClusterSync.Host.Webhooks.WebhookDispatcher.Backoff(n, options).TotalSeconds).ToList();

        Assert.That(waits.Take(8).Select((w, i) => w / (5 * Math.Pow(2, i))), Is.All.InRange(0.8, 1.2));
        Assert.That(waits.Skip(10), Is.All.InRange(0.8 * 3600, 1.2 * 3600));
    }

    private async Task<bool> PingAsync(string id)
    {
        using var response = await _hooks.Partner.PostAsync($"/v1/webhooks/{id}/ping", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("succeeded").GetBoolean();
    }
}
