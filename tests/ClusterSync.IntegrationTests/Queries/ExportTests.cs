using System.Globalization;
using System.Net;
using System.Text.Json;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;
using nietras.SeparatedValues;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>Exports agree with the paged API row for row, state their feed cursor and attribution; GeoJSON is GeoJSON.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ExportTests(StorageProvider provider)
{
    private SyncHarness _host = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory() => _host = await SharedDirectory.GetAsync(provider);

    [TestCase("")]
    [TestCase("&country=PL")]
    [TestCase("&source=eccp&sort=-name")]
    [TestCase("&q=cluster")]
    public async Task A_csv_export_lists_the_organisations_of_the_paged_api_in_its_order(string filter)
    {
        var expected = await PagedIdsAsync(filter);

        using var response = await _host.Client.GetAsync("/v1/organisations/export?format=csv" + filter);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var reader = Sep.Reader().FromText(text);
        var ids = new List<string>();
        foreach (var row in reader)
        {
            ids.Add(row["id"].ToString());
        }

        Assert.That(text[..text.IndexOf('\n', StringComparison.Ordinal)].TrimEnd('\r'), Is.EqualTo(string.Join(',', DirectoryExporter.CsvColumns)));
        Assert.That(ids, Is.EqualTo(expected));
        Assert.That(ClusterSync.Storage.Feed.FeedCursor.TryDecode(response.Headers.GetValues("X-Feed-Cursor").Single(), out _), Is.True);
        Assert.That(response.Headers.GetValues("X-Attribution"), Is.Not.Empty);
    }

    [TestCase("")]
    [TestCase("&country=US&sort=updatedAt")]
    public async Task A_json_lines_export_holds_the_paged_api_items_row_for_row(string filter)
    {
        var expected = await PagedItemsAsync(filter);

        var lines = (await _host.Client.GetStringAsync("/v1/organisations/export?format=jsonl" + filter))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.That(lines.Select(l => l.GetProperty("id").GetString()), Is.EqualTo(expected.Select(e => e.GetProperty("id").GetString())));
        Assert.That(lines.Select(l => l.GetProperty("organisation").GetProperty("name").GetString()),
            Is.EqualTo(expected.Select(e => e.GetProperty("organisation").GetProperty("name").GetString())));
    }

    [Test]
    public async Task A_geojson_export_is_a_feature_collection_of_points_and_counts_what_it_left_out()
    {
        var expected = await PagedItemsAsync("");

        using var response = await _host.Client.GetAsync("/v1/organisations/export?format=geojson");
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var features = root.GetProperty("features").EnumerateArray().ToList();
        var left = int.Parse(response.Headers.GetValues("X-Without-Coordinates").Single(), CultureInfo.InvariantCulture);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/geo+json"));
        Assert.That(root.GetProperty("type").GetString(), Is.EqualTo("FeatureCollection"));
        Assert.That(features, Is.Not.Empty);
        Assert.That(features.Count + left, Is.EqualTo(expected.Count));
        Assert.That(root.GetProperty("withoutCoordinates").GetInt32(), Is.EqualTo(left));
        foreach (var feature in features)
        {
            Assert.That(feature.GetProperty("type").GetString(), Is.EqualTo("Feature"));
            var geometry = feature.GetProperty("geometry");
            Assert.That(geometry.GetProperty("type").GetString(), Is.EqualTo("Point"));
            var position = geometry.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
            Assert.That(position, Has.Count.EqualTo(2));
            Assert.That(position[0], Is.InRange(-180.0, 180.0), "longitude first");
            Assert.That(position[1], Is.InRange(-90.0, 90.0));
            Assert.That(feature.GetProperty("properties").ValueKind, Is.EqualTo(JsonValueKind.Object));
        }

        var withCoordinates = expected.Where(e => e.GetProperty("organisation").TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Object)
            .Select(e => e.GetProperty("id").GetString());
        Assert.That(features.Select(f => f.GetProperty("id").GetString()), Is.EqualTo(withCoordinates));
    }

    private async Task<List<string>> PagedIdsAsync(string filter) =>
        [.. (await PagedItemsAsync(filter)).Select(e => e.GetProperty("id").GetString()!)];

    private async Task<List<JsonElement>> PagedItemsAsync(string filter)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await _host.GetJsonAsync("/v1/organisations?limit=41" + filter + (cursor is null ? "" : "&cursor=" + cursor));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }
}
