using System.Diagnostics;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Feed;

/// <summary>The feed's figures for docs/benchmarks.md; run on demand (explicit), they print rather than assert.</summary>
[Explicit("A measurement, not a test: docs/benchmarks.md says how to run it.")]
[Category("Figures")]
public class FeedFigures
{
    [Test]
    public async Task Feed_read_rate_through_the_api()
    {
        const int publications = 10, perPublication = 2000;
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var app = new ClusterSyncApp(db.Settings);
        using var client = app.CreateClientWithKey(ClusterSyncApp.PartnerKey);
        var publisher = new DirectoryPublisher(db.Services, "bench", matching: false);
        for (var p = 1; p <= publications; p++)
        {
            await publisher.PublishAsync([.. Enumerable.Range(0, p * perPublication).Select(i => publisher.Record($"{i}", $"Organisation {i}"))]);
        }

        await FeedClient.ReadAsync(client, after: null, limit: 10);
        var started = Stopwatch.GetTimestamp();
        long bytes = 0;
        string? after = null;
        while (true)
        {
            // The client keeps the bytes and follows the cursor header; parsing the events is the consumer's cost, not the feed's.
            using var response = await client.GetAsync("/v1/changes?limit=1000" + (after is null ? "" : "&after=" + after));
            bytes += (await response.Content.ReadAsByteArrayAsync()).Length;
            var cursor = response.Headers.GetValues("Feed-Cursor").Single();
            if (cursor == after)
            {
                break;
            }

            after = cursor;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var count = publications * perPublication;
        TestContext.Out.WriteLine($"feed: {count} events ({bytes / 1024 / 1024} MiB) read through GET /v1/changes (limit=1000) in {elapsed.TotalSeconds:F2} s = {count / elapsed.TotalSeconds:F0} events/s");
        var (all, _) = await FeedClient.ReadToEndAsync(client, after: null);
        Assert.That(all, Has.Count.EqualTo(count));
    }
}
