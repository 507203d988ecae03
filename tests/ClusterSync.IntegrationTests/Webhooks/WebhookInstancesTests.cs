using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.IntegrationTests.Feed;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>Two host processes on one PostgreSQL database share deliveries through the per-subscription lease.</summary>
public class WebhookInstancesTests
{
    [Test]
    public async Task Two_instances_deliver_each_event_once_per_subscription_in_order()
    {
        const int organisations = 300;
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var first = await StandardWebhooksVerifier.StartAsync();
        await using var second = await StandardWebhooksVerifier.StartAsync();
        var settings = db.Settings.Concat(new Dictionary<string, string?>
        {
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Sync:RunOnStartup"] = "false",
            ["ApiKeys:Keys:0:Name"] = "test partner",
            ["ApiKeys:Keys:0:Key"] = ClusterSyncApp.PartnerKey,
            ["ApiKeys:Keys:0:Scopes:0"] = "partner",
        }).Select(s => $"--{s.Key}={s.Value}").ToList();
        using var one = HostProcess.Start(settings);
        using var two = HostProcess.Start(settings);
        using var partner = new HttpClient { BaseAddress = one.Address };
        partner.DefaultRequestHeaders.Add("X-Api-Key", ClusterSyncApp.PartnerKey);
        await one.WaitUntilAsync(async c => (await c.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "ready");
        await two.WaitUntilAsync(async c => (await c.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "ready");
        foreach (var receiver in new[] { first, second })
        {
            using var created = await partner.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Endpoint.ToString() });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            await receiver.SetSecretsAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
        }

        var publisher = new DirectoryPublisher(db.Services, "two", matching: false);
        for (var round = 1; round <= 3; round++)
        {
            await publisher.PublishAsync([.. Enumerable.Range(0, round * organisations / 3).Select(i => publisher.Record($"{i}", $"Organisation {i}"))]);
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && ((await first.ReceivedAsync()).Count < organisations || (await second.ReceivedAsync()).Count < organisations))
        {
            await Task.Delay(200);
        }

        await Task.Delay(1000);
        foreach (var receiver in new[] { first, second })
        {
            var received = await receiver.ReceivedAsync();
            var sequences = received.Select(r => long.Parse(r.EventId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.That(received, Has.Count.EqualTo(organisations), one.Output + two.Output);
            Assert.That(sequences, Is.Unique.And.Ordered.Ascending);
            Assert.That(received.Select(r => r.Verified), Is.All.True);
        }
    }
}
