using System.Globalization;
using ClusterSync.Storage;
using ClusterSync.Storage.Feed;
using ClusterSync.Storage.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>A subscription's lease outlives no instance: when its holder dies, another instance takes the subscription over.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public class WebhookLeaseTests(StorageProvider provider)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(10);
    private WebhookHarness _hooks = null!;

    [SetUp]
    public async Task SetUp() =>
        _hooks = await WebhookHarness.StartAsync(provider, new Dictionary<string, string?> { ["Webhooks:LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture) });

    [TearDown]
    public async Task TearDown()
    {
        if (_hooks is not null)
        {
            await _hooks.DisposeAsync();
        }
    }

    [Test]
    public async Task When_the_instance_holding_a_lease_dies_another_takes_over_after_it_expires_and_delivers_each_event_once_in_order()
    {
        var subscription = await _hooks.SubscribeAsync();
        var store = _hooks.App.Services.GetRequiredService<WebhookStore>();

        // Another instance leases the subscription through the store, counting any event to come as pending, and dies holding
        // the lease. Nothing is pending yet, so this host's dispatcher cannot have leased it first.
        var leasedAt = _hooks.Time.GetUtcNow();
        var dead = await store.TryLeaseAsync("dead-instance", leasedAt, LeaseDuration, long.MaxValue, CancellationToken.None);
        await _hooks.PublishAsync([.. Enumerable.Range(1, 10)]);
        await _hooks.PublishAsync([.. Enumerable.Range(1, 25)]);
        _hooks.Time.Advance(LeaseDuration / 2);
        await Task.Delay(500);
        var receivedWhileHeld = await _hooks.Receiver.CountAsync();

        // Past the lease, once: the clock then stands still while the batch goes out, so the new lease cannot run out too.
        _hooks.Time.Advance((LeaseDuration / 2) + TimeSpan.FromSeconds(1));
        var published = await _hooks.Db.Services.GetRequiredService<ChangeFeed>().ReadAsync(0, 100, CancellationToken.None);
        await _hooks.RunUntilAsync(
            async () => (await _hooks.GetAsync($"/v1/webhooks/{subscription.Id}")).GetProperty("deliveredCursor").GetString() == FeedCursor.Encode(published[^1].Sequence),
            "the batch after the lease ran out recorded", step: TimeSpan.Zero);
        _hooks.Time.Advance(LeaseDuration * 3);
        await Task.Delay(500);

        var received = await _hooks.Receiver.ReceivedAsync();
        var log = await _hooks.DeliveriesAsync(subscription.Id);
        Assert.That(dead?.Target.SubscriptionId, Is.EqualTo(subscription.Id));
        Assert.That(published, Has.Count.EqualTo(25));
        Assert.That(receivedWhileHeld, Is.Zero, "nothing is delivered while the dead instance's lease lasts");
        Assert.That(received.Select(r => long.Parse(r.EventId, CultureInfo.InvariantCulture)), Is.EqualTo(published.Select(e => e.Sequence)),
            "every event once, in sequence order");
        Assert.That(received.Select(r => (r.Status, r.Verified)), Is.All.EqualTo((204, true)));
        Assert.That(log.Select(d => d.GetProperty("at").GetDateTimeOffset()), Is.All.GreaterThan(leasedAt + LeaseDuration));
    }

    [Test]
    public async Task A_lease_that_ran_out_cannot_complete_or_release_the_next_lease_even_of_its_own_instance()
    {
        var subscription = await _hooks.SubscribeAsync();
        var store = _hooks.App.Services.GetRequiredService<WebhookStore>();
        var start = _hooks.Time.GetUtcNow();

        // Two workers of one instance: the first's lease runs out mid-batch and the second takes the subscription over.
        var first = await store.TryLeaseAsync("one-instance", start, LeaseDuration, long.MaxValue, CancellationToken.None);
        var second = await store.TryLeaseAsync("one-instance", start + LeaseDuration + TimeSpan.FromSeconds(1), LeaseDuration, long.MaxValue, CancellationToken.None);
        Assert.That(first?.Target.SubscriptionId, Is.EqualTo(subscription.Id));
        Assert.That(second?.Target.SubscriptionId, Is.EqualTo(subscription.Id));
        Assert.That(second!.Holder, Is.Not.EqualTo(first!.Holder));

        var late = new LeaseOutcome([], DeliveredSequence: 7, FailedAttempts: 0, FailingSince: null, NextAttemptAt: null, DisabledReason: null);
        var lateCompleted = await store.CompleteLeaseAsync(first, late, start + LeaseDuration + TimeSpan.FromSeconds(2), CancellationToken.None);
        var third = await store.TryLeaseAsync("another-instance", start + LeaseDuration + TimeSpan.FromSeconds(3), LeaseDuration, long.MaxValue, CancellationToken.None);

        Assert.That(lateCompleted, Is.False, "the first lease ran out: it records its attempts only");
        Assert.That(third, Is.Null, "the second lease still holds the subscription: nobody else may deliver its events meanwhile");
        Assert.That((await _hooks.GetAsync($"/v1/webhooks/{subscription.Id}")).GetProperty("deliveredCursor").GetString(),
            Is.Not.EqualTo(FeedCursor.Encode(7)), "the late lease did not move the cursor");
        Assert.That(await store.CompleteLeaseAsync(second, late with { DeliveredSequence = 0 }, start + LeaseDuration + TimeSpan.FromSeconds(4), CancellationToken.None),
            Is.True, "the lease that holds completes");
    }
}
