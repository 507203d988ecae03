using System.Text.Json;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Sources.Recorded.UsClusterMapping;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class EccpFixtureTests
{
    private static readonly Uri MisconfiguredHost = new("http://default");

    [Test]
    public async Task The_whole_fixture_read_through_the_client_gives_300_readable_organisations_in_25_countries_and_the_designed_unreadable_ones()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath(RecordedEccp.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var recorded = RecordedEccp.Respond(SourcesHarness.PathAndQuery(request), MisconfiguredHost)!;
                return SourcesHarness.Json(recorded.StatusCode, recorded.Body, recorded.ContentType);
            }));
        using var provider = EccpTestServer.BuildEccp(server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        var readable = items.Where(i => i.Organisation is not null).Select(i => i.Organisation!).ToList();
        Assert.That(readable, Has.Count.GreaterThanOrEqualTo(300));
        Assert.That(readable.Select(o => o.Country).Distinct().Count(), Is.GreaterThanOrEqualTo(25));
        Assert.That(items.Count(i => i.Organisation is null), Is.EqualTo(RecordedEccp.GroundTruth.Count(t => t.Expected == "unreadable")));
        Assert.That(items, Has.Count.EqualTo(RecordedEccp.ResourceCount));
        Assert.That(server.LogEntries.Count(), Is.EqualTo((RecordedEccp.ResourceCount + 49) / 50));
    }

    [Test]
    public void The_listing_serves_pages_of_at_most_50_with_a_next_link_until_the_last()
    {
        var first = Page(RecordedEccp.ListingPath + "?page%5Blimit%5D=100");
        var last = Page(RecordedEccp.ListingPath + "?page%5Blimit%5D=50&page%5Boffset%5D=300");

        Assert.That(first.GetProperty("data").GetArrayLength(), Is.EqualTo(50));
        Assert.That(first.GetProperty("links").GetProperty("next").GetProperty("href").GetString(),
            Is.EqualTo("http://default/jsonapi/node/cluster_organisation?page%5Blimit%5D=50&page%5Boffset%5D=50"));
        Assert.That(last.GetProperty("data").GetArrayLength(), Is.EqualTo(RecordedEccp.ResourceCount - 300));
        Assert.That(last.GetProperty("links").TryGetProperty("next", out _), Is.False);
    }

    [Test]
    public void The_listing_filters_on_changed_and_sorts_by_changed_then_nid()
    {
        var everything = Page(RecordedEccp.ListingPath + "?page%5Blimit%5D=50&sort=changed,drupal_internal__nid");
        var pivot = Changed(Readable(everything)[25]);

        var since = Page($"{RecordedEccp.ListingPath}?sort=changed,drupal_internal__nid&filter%5Bchanged%5D%5Bcondition%5D%5Bpath%5D=changed"
            + $"&filter%5Bchanged%5D%5Bcondition%5D%5Boperator%5D=%3E%3D&filter%5Bchanged%5D%5Bcondition%5D%5Bvalue%5D={pivot.ToUnixTimeSeconds()}");

        var changes = Readable(since).Select(Changed).ToList();
        Assert.That(changes, Is.Ordered);
        Assert.That(changes, Has.All.GreaterThanOrEqualTo(pivot));
        Assert.That(since.GetProperty("links").GetProperty("next").GetProperty("href").GetString(), Does.Contain("filter%5Bchanged%5D"));
    }

    [Test]
    public void The_listing_includes_each_referenced_term_once()
    {
        var page = Page(RecordedEccp.ListingPath + "?include=field_ecosystems,field_sectors");

        var included = page.GetProperty("included").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.That(included, Is.Not.Empty.And.Unique);
    }

    [Test]
    public void The_listing_refuses_an_unsupported_filter_as_JSON_API_does()
    {
        var response = RecordedEccp.Respond(RecordedEccp.ListingPath + "?filter%5Btitle%5D=x", MisconfiguredHost)!;

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Body, Does.Contain("\"errors\""));
    }

    [Test]
    public void Other_routes_are_not_recorded()
    {
        Assert.That(RecordedEccp.Respond("/jsonapi/node/article", MisconfiguredHost), Is.Null);
    }

    [Test]
    public void The_ground_truth_describes_every_fixture_resource()
    {
        var nids = new List<long>();
        for (var offset = 0; offset < RecordedEccp.ResourceCount; offset += 50)
        {
            var page = Page($"{RecordedEccp.ListingPath}?page%5Boffset%5D={offset}");
            nids.AddRange(page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("attributes") is { ValueKind: JsonValueKind.Object } a
                ? a.GetProperty("drupal_internal__nid").GetInt64()
                : r.GetProperty("attributes")[1].GetInt64()));
        }

        Assert.That(RecordedEccp.GroundTruth.Select(t => t.Nid), Is.EquivalentTo(nids));
    }

    [Test]
    public void Every_cross_Atlantic_match_names_an_organisation_of_the_recorded_US_registry()
    {
        var registryIds = RecordedUsClusterMapping.OrganisationDocuments
            .Select(d => JsonDocument.Parse(d).RootElement.GetProperty("entity_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();

        var matches = RecordedEccp.GroundTruth.SelectMany(t => t.UsRegistryOrgIds).ToList();

        Assert.That(matches, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(matches, Is.SubsetOf(registryIds));
    }

    [Test]
    public void The_fixture_has_duplicates_within_ECCP()
    {
        var shared = RecordedEccp.GroundTruth.GroupBy(t => t.Entity).Count(g => g.Count() > 1);

        Assert.That(shared, Is.GreaterThanOrEqualTo(8));
    }

    private static JsonElement Page(string pathAndQuery)
    {
        var response = RecordedEccp.Respond(pathAndQuery, MisconfiguredHost)!;
        Assert.That(response.StatusCode, Is.EqualTo(200), response.Body);
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }

    private static List<JsonElement> Readable(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Where(r => r.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object)];

    private static DateTimeOffset Changed(JsonElement resource) =>
        DateTimeOffset.Parse(resource.GetProperty("attributes").GetProperty("changed").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
