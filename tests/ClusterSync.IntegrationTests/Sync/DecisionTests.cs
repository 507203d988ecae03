using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>Operators' decisions through the API, applied at once and kept by every later run.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class DecisionTests(StorageProvider provider)
{
    private const string Left = "us-cluster-mapping:153";
    private const string Right = "us-cluster-mapping:1161";

    private SyncHarness _host = null!;

    [SetUp]
    public async Task SyncTheRegistry()
    {
        _host = await SyncHarness.StartAsync(provider);
        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_cannot_link_decision_splits_the_duplicates_and_publishes_the_new_organisation()
    {
        var joint = await OrganisationIdOfAsync(Left);
        var lastSequence = await LastSequenceAsync();

        using var response = await DecideAsync(MatchDecisionKinds.CannotLink);

        var (left, right) = (await OrganisationIdOfAsync(Left), await OrganisationIdOfAsync(Right));
        var split = left == joint ? right : left;
        var events = await EventsAfterAsync(lastSequence);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(left, Is.Not.EqualTo(right));
        Assert.That(new[] { left, right }, Does.Contain(joint));
        Assert.That(events, Does.Contain((split, ChangeEventTypes.Split)).And.Contain((joint, ChangeEventTypes.Updated)));
        Assert.That((await _host.RunsAsync(SyncPipeline.DecisionsSource))[0].GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Succeeded));
    }

    [Test]
    public async Task A_cannot_link_decision_keeps_the_duplicates_apart_through_a_sync_of_unchanged_upstreams()
    {
        using var _ = await DecideAsync(MatchDecisionKinds.CannotLink);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        Assert.That(await OrganisationIdOfAsync(Left), Is.Not.EqualTo(await OrganisationIdOfAsync(Right)));
    }

    [Test]
    public async Task A_cannot_link_decision_keeps_the_duplicates_apart_after_a_restart_and_a_change_to_one_of_them()
    {
        using var _ = await DecideAsync(MatchDecisionKinds.CannotLink);
        await _host.RestartAsync();
        _host.Upstreams.EditRegistryDocument("153", RecordedUpstreamServer.AddCluster);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        Assert.That((outcome.Status, outcome.Changed), Is.EqualTo((SyncRunStatus.Succeeded, 1)));
        Assert.That(await OrganisationIdOfAsync(Left), Is.Not.EqualTo(await OrganisationIdOfAsync(Right)));
    }

    [Test]
    public async Task Revoking_the_decision_merges_the_duplicates_again_and_the_other_id_redirects_to_the_survivor()
    {
        using var decided = await DecideAsync(MatchDecisionKinds.CannotLink);
        var decision = await decided.Content.ReadFromJsonAsync<JsonElement>();
        var before = new[] { await OrganisationIdOfAsync(Left), await OrganisationIdOfAsync(Right) };

        using var revoked = await _host.Operator.DeleteAsync($"/v1/decisions/{decision.GetProperty("id").GetInt64()}");

        var survivor = await OrganisationIdOfAsync(Left);
        var loser = before.Single(id => id != survivor);
        using var redirect = await _host.Client.GetAsync($"/v1/organisations/{loser}");
        using var explanation = await _host.Client.GetAsync($"/v1/organisations/{loser}/explanation");
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await OrganisationIdOfAsync(Right), Is.EqualTo(survivor));
        Assert.That((redirect.StatusCode, PathOf(redirect)),
            Is.EqualTo((HttpStatusCode.MovedPermanently, $"/v1/organisations/{survivor}")));
        Assert.That((explanation.StatusCode, PathOf(explanation)),
            Is.EqualTo((HttpStatusCode.MovedPermanently, $"/v1/organisations/{survivor}/explanation")));
    }

    [Test]
    public async Task A_record_that_leaves_again_takes_back_its_id_which_then_answers_for_itself()
    {
        var joint = await OrganisationIdOfAsync(Left);
        using var decided = await DecideAsync(MatchDecisionKinds.CannotLink);
        var decision = await decided.Content.ReadFromJsonAsync<JsonElement>();
        var (leaving, staying) = await OrganisationIdOfAsync(Left) == joint ? (Right, Left) : (Left, Right);
        var firstId = await OrganisationIdOfAsync(leaving);
        using var revoked = await _host.Operator.DeleteAsync($"/v1/decisions/{decision.GetProperty("id").GetInt64()}");
        Assert.That(await OrganisationIdOfAsync(leaving), Is.EqualTo(await OrganisationIdOfAsync(staying)), "merged again");
        var lastSequence = await LastSequenceAsync();

        using var again = await DecideAsync(MatchDecisionKinds.CannotLink);

        using var resource = await _host.Client.GetAsync($"/v1/organisations/{firstId}");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created), await again.Content.ReadAsStringAsync());
        Assert.That(await OrganisationIdOfAsync(leaving), Is.EqualTo(firstId), "the id it had before it joined, not a new one");
        Assert.That(await OrganisationIdOfAsync(staying), Is.EqualTo(joint));
        Assert.That(resource.StatusCode, Is.EqualTo(HttpStatusCode.OK), "no redirect to an organisation that does not hold its record");
        Assert.That((await EventsAfterAsync(lastSequence)).Select(e => e.Item2), Does.Contain(ChangeEventTypes.Split));
    }

    [Test]
    public async Task Accepting_a_review_item_turns_it_into_a_must_link_decision_that_joins_the_pair()
    {
        var item = await OpenReviewItemAsync();

        using var response = await _host.Operator.PostAsJsonAsync($"/v1/review/{item.Id}/accept", new { reason = "Same organisation." });

        var decisions = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/decisions");
        var accepted = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/review?status=accepted");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(decisions.EnumerateArray().Select(Decision), Does.Contain((item.Left, item.Right, MatchDecisionKinds.MustLink, "test operator")));
        Assert.That(accepted.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()), Does.Contain(item.Id));
        Assert.That(await OrganisationIdOfAsync(item.Left), Is.EqualTo(await OrganisationIdOfAsync(item.Right)));
    }

    [Test]
    public async Task Rejecting_a_review_item_turns_it_into_a_cannot_link_decision_that_keeps_the_pair_apart()
    {
        var item = await OpenReviewItemAsync();

        using var response = await _host.Operator.PostAsJsonAsync($"/v1/review/{item.Id}/reject", new { reason = "Different organisations." });

        var decisions = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/decisions");
        var rejected = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/review?status=rejected");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(decisions.EnumerateArray().Select(Decision), Does.Contain((item.Left, item.Right, MatchDecisionKinds.CannotLink, "test operator")));
        Assert.That(rejected.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()), Does.Contain(item.Id));
        Assert.That(await OrganisationIdOfAsync(item.Left), Is.Not.EqualTo(await OrganisationIdOfAsync(item.Right)));
    }

    [Test]
    public async Task A_review_item_already_decided_cannot_be_decided_again()
    {
        var item = await OpenReviewItemAsync();
        using var first = await _host.Operator.PostAsync($"/v1/review/{item.Id}/reject", null);

        using var second = await _host.Operator.PostAsync($"/v1/review/{item.Id}/accept", null);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await SyncHarness.AssertProblemAsync(second, HttpStatusCode.Conflict, "urn:clustersync:problem:conflict");
    }

    [Test]
    public async Task Concurrent_accepts_and_rejects_of_one_review_item_decide_it_once_and_consistently()
    {
        var item = await OpenReviewItemAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _host.Operator.PostAsync($"/v1/review/{item.Id}/{(i % 2 == 0 ? "accept" : "reject")}", null)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.NoContent), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(7), string.Join(", ", statuses));
        var winner = responses.Select((r, i) => (r, i)).Single(x => x.r.StatusCode == HttpStatusCode.NoContent).i;
        var kind = winner % 2 == 0 ? MatchDecisionKinds.MustLink : MatchDecisionKinds.CannotLink;
        var active = (await SyncHarness.GetItemsAsync(_host.Operator, "/v1/decisions")).EnumerateArray()
            .Where(d => (d.GetProperty("leftKey").GetString(), d.GetProperty("rightKey").GetString()) == (item.Left, item.Right)).ToList();
        Assert.That(active.Select(d => d.GetProperty("kind").GetString()), Is.EqualTo(new[] { kind }));
        var decided = (await SyncHarness.GetItemsAsync(_host.Operator, "/v1/review?status=" + (kind == MatchDecisionKinds.MustLink ? "accepted" : "rejected")))
            .EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
        Assert.That(decided, Does.Contain(item.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [TestCase("us-cluster-mapping:999999", "us-cluster-mapping:153")]
    [TestCase("us-cluster-mapping:153", "no-such-source:1")]
    public async Task A_decision_naming_a_record_the_directory_does_not_hold_is_a_404_problem(string left, string right)
    {
        var sequence = await LastSequenceAsync();

        using var response = await _host.Operator.PostAsJsonAsync("/v1/decisions", new { left, right, kind = MatchDecisionKinds.MustLink, reason = "Checked." });

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.NotFound, "urn:clustersync:problem:not-found");
        Assert.That(await LastSequenceAsync(), Is.EqualTo(sequence));
        Assert.That((await SyncHarness.GetItemsAsync(_host.Operator, "/v1/decisions")).GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_reason_over_2000_characters_is_a_400_problem()
    {
        using var response = await _host.Operator.PostAsJsonAsync("/v1/decisions",
            new { left = Left, right = Right, kind = MatchDecisionKinds.CannotLink, reason = new string('x', 2001) });

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task Decisions_are_listed_in_pages()
    {
        using (await DecideAsync(MatchDecisionKinds.CannotLink))
        using (await DecideAsync(MatchDecisionKinds.MustLink))
        {
        }

        var first = await SyncHarness.GetJsonAsync(_host.Operator, "/v1/decisions?limit=1&includeRevoked=true");
        var second = await SyncHarness.GetJsonAsync(_host.Operator, "/v1/decisions?limit=1&includeRevoked=true&cursor=" + first.GetProperty("nextCursor").GetString());

        Assert.That(first.GetProperty("items")[0].GetProperty("kind").GetString(), Is.EqualTo(MatchDecisionKinds.MustLink));
        Assert.That(second.GetProperty("items")[0].GetProperty("kind").GetString(), Is.EqualTo(MatchDecisionKinds.CannotLink));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    private string? PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { } location ? new Uri(_host.Client.BaseAddress!, location).AbsolutePath : null;

    private Task<HttpResponseMessage> DecideAsync(string kind) =>
        _host.Operator.PostAsJsonAsync("/v1/decisions", new { left = Left, right = Right, kind, reason = "Checked by hand." });

    /// <summary>The strongest open review pair of the synced registry; seeded in the database when matching leaves none.</summary>
    private async Task<(long Id, string Left, string Right)> OpenReviewItemAsync()
    {
        var open = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/review");
        if (open.GetArrayLength() > 0)
        {
            var first = open[0];
            return (first.GetProperty("id").GetInt64(), first.GetProperty("left").GetString()!, first.GetProperty("right").GetString()!);
        }

        await using var db = _host.Database.Contexts.CreateDbContext();
        var row = new ReviewItemRow
        {
            LeftKey = FixtureTruth.RegistryKey("332"),
            RightKey = FixtureTruth.RegistryKey("445"),
            Probability = 0.6,
            ExplanationJson = "{}",
            Status = ReviewStatus.Open,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ReviewItems.Add(row);
        await db.SaveChangesAsync();
        return (row.Id, row.LeftKey, row.RightKey);
    }

    private static (string?, string?, string?, string?) Decision(JsonElement d) =>
        (d.GetProperty("leftKey").GetString(), d.GetProperty("rightKey").GetString(), d.GetProperty("kind").GetString(), d.GetProperty("author").GetString());

    private async Task<string> OrganisationIdOfAsync(string key)
    {
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        return (await _host.OrganisationOfAsync(key[..separator], key[(separator + 1)..])).GetProperty("id").GetString()!;
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        return await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence) ?? 0;
    }

    private async Task<List<(string, string)>> EventsAfterAsync(long sequence)
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        var events = await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence)
            .Select(e => new { e.OrganisationId, e.Type }).ToListAsync();
        return [.. events.Select(e => (e.OrganisationId, e.Type))];
    }
}
