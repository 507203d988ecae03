using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.IntegrationTests.Feed;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>The webhook figures for docs/benchmarks.md; run on demand (explicit), they print rather than assert.</summary>
[Explicit("A measurement, not a test: docs/benchmarks.md says how to run it.")]
[Category("Figures")]
public class WebhookFigures
{
    [TestCase(1)]
    [TestCase(4)]
    public async Task Webhook_dispatch_rate_and_delay_to_first_delivery(int subscriptions)
    {
        const int events = 5000, delays = 20;
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var settings = new Dictionary<string, string?>(db.Settings) { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" };
        await using var app = new ClusterSyncApp(settings);
        using var partner = app.CreateClientWithKey(ClusterSyncApp.PartnerKey);
        var receivers = new List<StandardWebhooksVerifier>();
        try
        {
            for (var i = 0; i < subscriptions; i++)
            {
                var receiver = await StandardWebhooksVerifier.StartAsync();
                receivers.Add(receiver);
                using var created = await partner.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Endpoint.ToString() });
                await receiver.SetSecretsAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
            }

            var publisher = new DirectoryPublisher(db.Services, "bench", matching: false);
            var delay = new List<double>();
            for (var i = 1; i <= delays; i++)
            {
                await publisher.PublishAsync([.. Enumerable.Range(0, i).Select(n => publisher.Record($"{n}", $"Organisation {n}"))]);
                var committed = Stopwatch.GetTimestamp();
                while (await receivers[0].CountAsync() < i)
                {
                    await Task.Delay(1);
                }

                delay.Add(Stopwatch.GetElapsedTime(committed).TotalMilliseconds);
            }

            var before = await TotalAsync(receivers);
            await publisher.PublishAsync([.. Enumerable.Range(0, events + delays).Select(n => publisher.Record($"{n}", $"Organisation {n}"))]);
            var started = Stopwatch.GetTimestamp();
            var expected = before + (events * subscriptions);
            while (await TotalAsync(receivers) < expected)
            {
                await Task.Delay(20);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            delay.Sort();
            TestContext.Out.WriteLine($"webhooks: {events * subscriptions} deliveries ({events} events x {subscriptions} subscription(s)) to loopback receivers " +
                $"verifying every signature in {elapsed.TotalSeconds:F2} s = {events * subscriptions / elapsed.TotalSeconds:F0} deliveries/s");
            TestContext.Out.WriteLine($"webhooks: commit to first delivery over {delays} publications: median {delay[delays / 2]:F0} ms, " +
                $"max {delay[^1]:F0} ms, min {delay[0]:F0} ms");
            var received = await receivers[0].ReceivedAsync();
            Assert.That(received.Select(r => r.Verified), Is.All.True);
        }
        finally
        {
            foreach (var receiver in receivers)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    private static async Task<int> TotalAsync(IEnumerable<StandardWebhooksVerifier> receivers)
    {
        var total = 0;
        foreach (var receiver in receivers)
        {
            total += await receiver.CountAsync();
        }

        return total;
    }
}
