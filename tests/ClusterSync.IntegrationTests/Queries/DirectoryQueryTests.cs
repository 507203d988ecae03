using System.Net;
using System.Text.Json;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>Search, filters, facets, sorts and cursors over the synced directory (both upstreams), on each provider.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class DirectoryQueryTests(StorageProvider provider)
{
    private SyncHarness _host = null!;
    private List<JsonElement> _all = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory()
    {
        _host = await SharedDirectory.GetAsync(provider);
        _all = await _host.ListOrganisationsAsync();
    }

    [TestCase("Śląski", "Śląski Klaster Energetyczny", TestName = "Search finds a Polish name as written")]
    [TestCase("slaski", "Śląski Klaster Energetyczny", TestName = "Search finds a Polish name without its accents")]
    [TestCase("ŚLĄSKI klaster", "Śląski Klaster Energetyczny", TestName = "Search folds case in any script")]
    [TestCase("Θεσσαλίας", "Cluster Τροφίμων Θεσσαλίας", TestName = "Search finds a Greek name")]
    [TestCase("Τροφιμων", "Cluster Τροφίμων Θεσσαλίας", TestName = "Search finds a Greek name without its accents")]
    [TestCase("Поділля", "Кластер агропромислових інновацій Поділля", TestName = "Search finds a Ukrainian Cyrillic name")]
    [TestCase("Медицински изделия", "Сдружение Клъстер Медицински изделия България", TestName = "Search finds a Bulgarian Cyrillic name")]
    [TestCase("RRPC", "Rochester Regional Photonics Cluster", TestName = "Search finds an organisation by its acronym")]
    [TestCase("photonics rochester", "Rochester Regional Photonics Cluster", TestName = "Search finds words in any order")]
    [TestCase("roch phot", "Rochester Regional Photonics Cluster", TestName = "Search finds word prefixes")]
    public async Task Search_finds(string query, string name)
    {
        var page = await _host.GetJsonAsync("/v1/organisations?q=" + Uri.EscapeDataString(query));

        var names = page.GetProperty("items").EnumerateArray().Select(NameOf).ToList();
        Assert.That(names, Does.Contain(name));
    }

    [Test]
    public async Task Search_ranks_the_closest_name_first()
    {
        var page = await _host.GetJsonAsync("/v1/organisations?q=rochester%20regional%20photonics%20cluster");

        Assert.That(NameOf(page.GetProperty("items")[0]), Is.EqualTo("Rochester Regional Photonics Cluster"));
    }

    [Test]
    public async Task Search_for_words_no_name_has_finds_nothing()
    {
        var page = await _host.GetJsonAsync("/v1/organisations?q=zzqxv%20photonics");

        Assert.That(page.GetProperty("total").GetInt32(), Is.Zero);
    }

    [TestCase("/v1/organisations?colour=red", TestName = "An unknown filter is a 400 problem")]
    [TestCase("/v1/organisations/facets?countryy=DE", TestName = "An unknown facet filter is a 400 problem")]
    [TestCase("/v1/organisations/export?format=csv&secotr=nace2:26", TestName = "An unknown export filter is a 400 problem")]
    [TestCase("/v1/organisations?sector=26.11", TestName = "A sector without its scheme is a 400 problem")]
    [TestCase("/v1/organisations?country=DE&country=FR", TestName = "A filter given twice is a 400 problem")]
    [TestCase("/v1/organisations?foundedFrom=ninety", TestName = "A founding year that is not a year is a 400 problem")]
    [TestCase("/v1/organisations?updatedSince=yesterday", TestName = "An updatedSince that is not a date is a 400 problem")]
    [TestCase("/v1/organisations?bbox=1,2,3", TestName = "A bounding box without four numbers is a 400 problem")]
    [TestCase("/v1/organisations?sort=size", TestName = "An unknown sort is a 400 problem")]
    [TestCase("/v1/organisations?sort=relevance", TestName = "Relevance without search words is a 400 problem")]
    [TestCase("/v1/organisations?cursor=bm90LWEtY3Vyc29y", TestName = "A cursor this API did not return is a 400 problem")]
    [TestCase("/v1/organisations/export?format=xlsx", TestName = "An unknown export format is a 400 problem")]
    public async Task Invalid_queries_are_problems(string url)
    {
        using var response = await _host.Client.GetAsync(url);

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [Test]
    public async Task A_cursor_of_one_sort_is_a_problem_in_another()
    {
        var first = await _host.GetJsonAsync("/v1/organisations?limit=5&sort=name");

        using var response = await _host.Client.GetAsync("/v1/organisations?limit=5&sort=-updatedAt&cursor=" + first.GetProperty("nextCursor").GetString());

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    public static IEnumerable<TestCaseData> Filters()
    {
        yield return new TestCaseData("country=PL", (Func<JsonElement, bool>)(o => Golden(o).GetProperty("address").GetProperty("country").GetString() == "PL"));
        yield return new TestCaseData("country=us", (Func<JsonElement, bool>)(o => Golden(o).GetProperty("address").GetProperty("country").GetString() == "US"));
        yield return new TestCaseData("region=NY", (Func<JsonElement, bool>)(o => Str(Golden(o), "address", "regionCode") == "NY"));
        yield return new TestCaseData("source=eccp", (Func<JsonElement, bool>)(o => Sources(o).Contains("eccp")));
        yield return new TestCaseData("source=us-cluster-mapping", (Func<JsonElement, bool>)(o => Sources(o).Contains("us-cluster-mapping")));
        yield return new TestCaseData("foundedFrom=2000&foundedTo=2010", (Func<JsonElement, bool>)(o =>
            Golden(o).TryGetProperty("yearFounded", out var y) && y.ValueKind == JsonValueKind.Number && y.GetInt32() is >= 2000 and <= 2010));
        yield return new TestCaseData("bbox=-10,35,30,60", (Func<JsonElement, bool>)(o => Golden(o).TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Object
            && c.GetProperty("longitude").GetDouble() is >= -10 and <= 30 && c.GetProperty("latitude").GetDouble() is >= 35 and <= 60));
    }

    [TestCaseSource(nameof(Filters))]
    public async Task A_filter_returns_exactly_the_organisations_that_satisfy_it(string filter, Func<JsonElement, bool> holds)
    {
        var expected = _all.Where(holds).Select(IdOf).Order(StringComparer.Ordinal).ToList();

        var found = await PageAllAsync("/v1/organisations?limit=37&" + filter);

        Assert.That(expected, Is.Not.Empty, "the fixture has such organisations");
        Assert.That(found.Select(IdOf), Is.EqualTo(expected));
    }

    [Test]
    public async Task Sector_and_label_filters_agree_with_their_facet_counts()
    {
        var facets = (await _host.GetJsonAsync("/v1/organisations/facets")).GetProperty("facets");

        foreach (var (facet, parameter) in new[] { ("us-cluster", "sector=us-cluster:"), ("eu-ecosystem", "sector=eu-ecosystem:"), ("nace2", "sector=nace2:"), ("label", "label="), ("source", "source="), ("country", "country=") })
        {
            var top = facet == "country" || facet == "source" ? facet : facet;
            var first = facets.GetProperty(top)[0];
            var page = await _host.GetJsonAsync("/v1/organisations?limit=1&" + parameter + Uri.EscapeDataString(first.GetProperty("value").GetString()!));
            Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(first.GetProperty("count").GetInt32()), facet);
        }
    }

    [Test]
    public async Task Country_facet_counts_add_up_to_the_total_and_narrow_with_the_filters()
    {
        var all = (await _host.GetJsonAsync("/v1/organisations/facets")).GetProperty("facets");
        var polish = (await _host.GetJsonAsync("/v1/organisations/facets?country=PL")).GetProperty("facets");

        Assert.That(all.GetProperty("country").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()), Is.EqualTo(_all.Count));
        Assert.That(polish.GetProperty("country").EnumerateArray().Select(c => c.GetProperty("value").GetString()), Is.EqualTo(new[] { "PL" }));
    }

    [Test]
    public async Task UpdatedSince_in_the_future_finds_nothing_and_in_the_past_everything()
    {
        var future = await _host.GetJsonAsync("/v1/organisations?updatedSince=2999-01-01T00:00:00Z");
        var past = await _host.GetJsonAsync("/v1/organisations?updatedSince=2000-01-01");

        Assert.That((future.GetProperty("total").GetInt32(), past.GetProperty("total").GetInt32()), Is.EqualTo((0, _all.Count)));
    }

    [TestCase("id")]
    [TestCase("name")]
    [TestCase("-name")]
    [TestCase("updatedAt")]
    [TestCase("-updatedAt")]
    public async Task Every_sort_pages_through_every_organisation_once_in_its_order(string sort)
    {
        var whole = (await _host.GetJsonAsync($"/v1/organisations?limit=500&sort={sort}")).GetProperty("items").EnumerateArray().ToList();

        var paged = await PageAllAsync($"/v1/organisations?limit=23&sort={sort}");

        Assert.That(paged.Select(IdOf), Is.EqualTo(whole.Select(IdOf)));
        Assert.That(paged.Select(IdOf).Order(StringComparer.Ordinal), Is.EqualTo(_all.Select(IdOf).Order(StringComparer.Ordinal)));
        if (sort.EndsWith("updatedAt", StringComparison.Ordinal))
        {
            var times = paged.Select(o => o.GetProperty("updatedAt").GetDateTimeOffset()).ToList();
            Assert.That(times, sort.StartsWith('-') ? Is.Ordered.Descending : Is.Ordered.Ascending);
        }
    }

    [Test]
    public async Task Relevance_pages_by_score_and_id_within_one_query()
    {
        var whole = (await _host.GetJsonAsync("/v1/organisations?limit=500&q=cluster")).GetProperty("items").EnumerateArray().ToList();

        var paged = await PageAllAsync("/v1/organisations?limit=9&q=cluster");

        Assert.That(whole, Has.Count.GreaterThan(9));
        Assert.That(paged.Select(IdOf), Is.EqualTo(whole.Select(IdOf)));
    }

    internal async Task<List<JsonElement>> PageAllAsync(string url)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await _host.GetJsonAsync(url + (cursor is null ? "" : "&cursor=" + cursor));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    private static JsonElement Golden(JsonElement organisation) => organisation.GetProperty("organisation");

    private static string? Str(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static List<string> Sources(JsonElement organisation) =>
        [.. Golden(organisation).GetProperty("sourceRecords").EnumerateArray().Select(r => r.GetProperty("source").GetString()!)];

    internal static string IdOf(JsonElement organisation) => organisation.GetProperty("id").GetString()!;

    internal static string NameOf(JsonElement organisation) => Golden(organisation).GetProperty("name").GetString()!;
}
