using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterSync.IntegrationTests.Feed;

/// <summary>One event of the feed as a partner reads it.</summary>
internal sealed record FeedEvent(long Sequence, string Type, string Subject, string Cursor, JsonElement Data);

/// <summary>A partner's copy of the directory, kept by applying events: organisation id to version and golden record.</summary>
internal sealed class DirectoryCopy
{
    public Dictionary<string, (long Version, JsonNode Organisation)> Active { get; } = new(StringComparer.Ordinal);

    public void Apply(FeedEvent change)
    {
        switch (change.Type)
        {
            case "organisation.created" or "organisation.updated" or "organisation.restored" or "organisation.split":
                Active[change.Subject] = (change.Data.GetProperty("version").GetInt64(), JsonNode.Parse(change.Data.GetProperty("organisation").GetRawText())!);
                break;
            case "organisation.merged" or "organisation.deleted":
                Active.Remove(change.Subject);
                break;
            default:
                throw new InvalidOperationException("Unknown event type " + change.Type);
        }
    }

    /// <summary>Differences from another copy, one line each (empty when equal).</summary>
    public IReadOnlyList<string> Differences(DirectoryCopy other)
    {
        var lines = new List<string>();
        foreach (var id in Active.Keys.Union(other.Active.Keys).Order(StringComparer.Ordinal))
        {
            var mine = Active.TryGetValue(id, out var a);
            var theirs = other.Active.TryGetValue(id, out var b);
            if (mine != theirs)
            {
                lines.Add($"{id}: present {mine} here, {theirs} there");
            }
            else if (a.Version != b.Version || !JsonNode.DeepEquals(a.Organisation, b.Organisation))
            {
                lines.Add($"{id}: version {a.Version} here, {b.Version} there, or another record");
            }
        }

        return lines;
    }
}

/// <summary>Reads <c>/v1/changes</c> over HTTP.</summary>
internal static class FeedClient
{
    public static async Task<(IReadOnlyList<FeedEvent> Events, string Cursor)> ReadAsync(HttpClient client, string? after, int limit = 500, int wait = 0)
    {
        var query = $"/v1/changes?limit={limit}" + (after is null ? "" : "&after=" + after) + (wait > 0 ? "&wait=" + wait : "");
        using var response = await client.GetAsync(query);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/cloudevents-batch+json"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var events = document.RootElement.EnumerateArray().Select(e => new FeedEvent(
            long.Parse(e.GetProperty("id").GetString()!, CultureInfo.InvariantCulture),
            e.GetProperty("type").GetString()!,
            e.GetProperty("subject").GetString()!,
            e.GetProperty("cursor").GetString()!,
            e.GetProperty("data").Clone())).ToList();
        return (events, response.Headers.GetValues("Feed-Cursor").Single());
    }

    /// <summary>Reads from <paramref name="after"/> until an empty page; returns every event and the last cursor.</summary>
    public static async Task<(List<FeedEvent> Events, string? Cursor)> ReadToEndAsync(HttpClient client, string? after)
    {
        var all = new List<FeedEvent>();
        while (true)
        {
            var (events, cursor) = await ReadAsync(client, after);
            all.AddRange(events);
            after = cursor;
            if (events.Count == 0)
            {
                return (all, after);
            }
        }
    }

    public static async Task<(DirectoryCopy Copy, string Cursor)> SnapshotAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/v1/changes/snapshot"));
        var copy = new DirectoryCopy();
        foreach (var organisation in document.RootElement.GetProperty("organisations").EnumerateArray())
        {
            copy.Active[organisation.GetProperty("id").GetString()!] =
                (organisation.GetProperty("version").GetInt64(), JsonNode.Parse(organisation.GetProperty("organisation").GetRawText())!);
        }

        return (copy, document.RootElement.GetProperty("cursor").GetString()!);
    }
}
