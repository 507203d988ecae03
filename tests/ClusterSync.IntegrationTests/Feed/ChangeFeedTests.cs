using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using ClusterSync.Storage.Feed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Feed;

[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public class ChangeFeedTests(StorageProvider provider)
{
    private TestDatabase _db = null!;
    private ClusterSyncApp _app = null!;
    private HttpClient _partner = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await TestDatabase.CreateAsync(provider);
        _app = new ClusterSyncApp(_db.Settings);
        _partner = _app.CreateClientWithKey(ClusterSyncApp.PartnerKey);
    }

    [TearDown]
    public async Task TearDown()
    {
        _partner?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [Test]
    public async Task Readers_polling_during_concurrent_publications_see_every_committed_event_once_in_order()
    {
        const int publishers = 4, rounds = 26, perRound = 100;
        var published = 0;
        var publishing = Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            var publisher = new DirectoryPublisher(_db.Services, "feed-" + p, matching: false);
            for (var round = 0; round < rounds; round++)
            {
                var listing = Enumerable.Range(0, (round + 1) * perRound).Select(i => publisher.Record($"{i}", $"Organisation {p}-{i}")).ToList();

                // Some publications roll back after their events were numbered: the feed has holes there, and no gap.
                await publisher.PublishAsync(listing, failBeforeCommit: round % 7 == 3);
            }
        })).ToList();
        var finished = Task.WhenAll(publishing).ContinueWith(_ => Interlocked.Exchange(ref published, 1), TaskScheduler.Default);

        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
        {
            using var client = _app.CreateClientWithKey(ClusterSyncApp.PartnerKey);
            var seen = new List<long>();
            string? after = null;
            while (true)
            {
                var wasPublished = Volatile.Read(ref published) == 1;
                var (events, cursor) = await FeedClient.ReadAsync(client, after, limit: 100 + (r * 200), wait: r == 0 ? 1 : 0);
                seen.AddRange(events.Select(e => e.Sequence));
                after = cursor;
                if (events.Count == 0 && wasPublished)
                {
                    return seen;
                }
            }
        })).ToList();

        await finished;
        await Task.WhenAll(publishing);
        var views = await Task.WhenAll(readers);

        await using var db = _db.Contexts.CreateDbContext();
        var committed = await db.ChangeEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.That(committed, Has.Count.GreaterThanOrEqualTo(publishers * rounds * perRound));
        foreach (var seen in views)
        {
            Assert.That(seen, Is.EqualTo(committed));
        }
    }

    [Test]
    public async Task Replaying_the_feed_from_the_start_rebuilds_the_directory_through_merges_deletions_and_restores()
    {
        var publisher = new DirectoryPublisher(_db.Services, "eu");
        await PublishHistoryAsync(publisher, afterStep: null);

        var copy = new DirectoryCopy();
        var (events, _) = await FeedClient.ReadToEndAsync(_partner, after: null);
        foreach (var change in events)
        {
            copy.Apply(change);
        }

        Assert.That(events.Select(e => e.Type), Is.SupersetOf(new[] { "organisation.created", "organisation.updated", "organisation.merged", "organisation.deleted", "organisation.restored" }));
        Assert.That(copy.Differences(await LiveDirectoryAsync()), Is.Empty);
    }

    [Test]
    public async Task Every_event_data_follows_its_schema_in_contracts()
    {
        var publisher = new DirectoryPublisher(_db.Services, "eu");
        await PublishHistoryAsync(publisher, afterStep: null);

        var (events, _) = await FeedClient.ReadToEndAsync(_partner, after: null);
        foreach (var change in events)
        {
            var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "contracts", "events", change.Type + ".v1.schema.json"));
            Assert.That(schema.Validate(change.Data.GetRawText()), Is.Empty, change.Type);
        }
    }

    [Test]
    public async Task A_snapshot_and_the_feed_after_its_cursor_equal_the_live_directory()
    {
        var publisher = new DirectoryPublisher(_db.Services, "eu");
        DirectoryCopy? copy = null;
        string? cursor = null;
        await PublishHistoryAsync(publisher, afterStep: async () => (copy, cursor) = await FeedClient.SnapshotAsync(_partner));

        var (events, _) = await FeedClient.ReadToEndAsync(_partner, cursor);
        foreach (var change in events)
        {
            copy!.Apply(change);
        }

        Assert.That(events, Is.Not.Empty);
        Assert.That(copy!.Differences(await LiveDirectoryAsync()), Is.Empty);
    }

    [Test]
    public async Task The_feed_is_cloudevents_in_batch_mode_that_the_sdk_reads()
    {
        var publisher = new DirectoryPublisher(_db.Services, "eu");
        await publisher.PublishAsync([publisher.Record("1", "Northern Photonics Cluster")]);

        using var response = await _partner.GetAsync("/v1/changes");
        var body = await response.Content.ReadAsByteArrayAsync();
        var events = global::ClusterSync.Host.Feed.OrganisationEvents.Formatter.DecodeBatchModeMessage(
            body, new System.Net.Mime.ContentType("application/cloudevents-batch+json"), [global::ClusterSync.Host.Feed.OrganisationEvents.Cursor]);

        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].Type, Is.EqualTo("organisation.created"));
        Assert.That(events[0].SpecVersion.VersionId, Is.EqualTo("1.0"));
        Assert.That(events[0].DataSchema?.ToString(), Is.EqualTo("urn:clustersync:events:organisation.created.v1"));
        Assert.That(events[0][global::ClusterSync.Host.Feed.OrganisationEvents.Cursor], Is.EqualTo(response.Headers.GetValues("Feed-Cursor").Single()));
    }

    [Test]
    public async Task Every_page_of_the_feed_is_the_sdk_encoding_of_its_events()
    {
        var publisher = new DirectoryPublisher(_db.Services, "eu");
        await PublishHistoryAsync(publisher, afterStep: null);
        await publisher.PublishAsync([publisher.Record("z", "Société Générale Zürich 東京 \"Ærø\" <&>", "CH")]);
        var feed = _db.Services.GetRequiredService<ChangeFeed>();

        var pages = 0;
        long after = 0;
        while (true)
        {
            using var response = await _partner.GetAsync("/v1/changes?limit=3" + (after == 0 ? "" : "&after=" + FeedCursor.Encode(after)));
            var body = await response.Content.ReadAsByteArrayAsync();
            var stored = await feed.ReadAsync(after, 3, CancellationToken.None);

            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/cloudevents-batch+json"));
            Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo(Encoding.UTF8.GetString(EventEncodingTests.SdkEncoding(stored))), $"page {pages + 1}");
            if (stored.Count == 0)
            {
                break;
            }

            pages++;
            after = stored[^1].Sequence;
            Assert.That(response.Headers.GetValues("Feed-Cursor").Single(), Is.EqualTo(FeedCursor.Encode(after)));
        }

        Assert.That(pages, Is.GreaterThan(3));
    }

    [Test]
    public async Task A_long_poll_returns_the_publication_that_commits_while_it_waits()
    {
        var publisher = new DirectoryPublisher(_db.Services, "eu");
        var (_, start) = await FeedClient.ReadAsync(_partner, after: null);

        var waiting = FeedClient.ReadAsync(_partner, start, wait: 30);
        await publisher.PublishAsync([publisher.Record("1", "Northern Photonics Cluster")]);
        var (events, _) = await waiting;

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "organisation.created" }));
    }

    [TestCase("after=abc")]
    [TestCase("after=AgAAAAAAAAAA")]
    [TestCase("after=AYAAAAAAAAAA")]
    [TestCase("after=")]
    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=x")]
    [TestCase("wait=61")]
    [TestCase("wait=-1")]
    public async Task A_bad_query_is_a_400_problem(string query)
    {
        using var response = await _partner.GetAsync("/v1/changes?" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<string>(), Is.EqualTo("urn:clustersync:problem:invalid-request"));
    }

    /// <summary>Creations, an update, a merge (operator's must-link), a deletion, a restore and a split (the must-link revoked).</summary>
    private static async Task PublishHistoryAsync(DirectoryPublisher publisher, Func<Task>? afterStep)
    {
        var a = publisher.Record("a", "Northern Photonics Cluster", "DE");
        var b = publisher.Record("b", "Baltic Water Alliance", "LT");
        var c = publisher.Record("c", "Alpine Robotics Hub", "AT");
        var d = publisher.Record("d", "Delta Biotech Network", "NL");
        var mustLink = new MatchDecision(publisher.Key("a"), publisher.Key("b"), MatchDecisionKinds.MustLink);
        await publisher.PublishAsync([a, b, c, d]);
        var renamed = publisher.Record("a", "Northern Photonics Cluster e.V.", "DE");
        await publisher.PublishAsync([renamed, b, c, d]);
        if (afterStep is not null)
        {
            await afterStep();
        }

        await publisher.PublishAsync([renamed, b, c, d], [mustLink]);
        await publisher.PublishAsync([renamed, b, d]);
        await publisher.PublishAsync([renamed, b, c, d]);
        await publisher.PublishAsync([renamed, b, c, d], [new MatchDecision(publisher.Key("a"), publisher.Key("b"), MatchDecisionKinds.CannotLink)]);
    }

    private async Task<DirectoryCopy> LiveDirectoryAsync()
    {
        await using var db = _db.Contexts.CreateDbContext();
        var live = new DirectoryCopy();
        foreach (var row in await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active).ToListAsync())
        {
            live.Active[row.Id] = (row.Version, JsonNode.Parse(row.GoldenJson)!);
        }

        return live;
    }
}
