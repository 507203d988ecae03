using System.Globalization;
using System.Text.Json;
using ClusterSync.Core.Sync;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// One JSON:API collection page: its resources (each read on its own later), the included taxonomy
/// terms by type and id, the total the listing states (<c>meta.count</c>, when present), and its next link,
/// checked by the <see cref="NextLinkGuard"/> once the page is accepted. Owns the parsed document.
/// </summary>
internal sealed class EccpPage : IDisposable
{
    private readonly JsonDocument _document;
    private readonly Dictionary<(string Type, string Id), JsonElement> _terms;

    private EccpPage(
        Uri url, int number, JsonDocument document, IReadOnlyList<JsonElement> resources, Dictionary<(string, string), JsonElement> terms, string? nextHref,
        long? statedTotal)
    {
        Url = url;
        Number = number;
        _document = document;
        Resources = resources;
        _terms = terms;
        NextHref = nextHref;
        StatedTotal = statedTotal;
    }

    public Uri Url { get; }

    public int Number { get; }

    public IReadOnlyList<JsonElement> Resources { get; }

    /// <summary>The page's <c>links.next</c> as written, or null when the listing ends here.</summary>
    public string? NextHref { get; }

    /// <summary>The number of resources the whole listing holds, as the page states it in <c>meta.count</c>.</summary>
    public long? StatedTotal { get; }

    /// <summary>What was still wrong with the page after it was read again (the listing is incomplete there), or null.</summary>
    public string? Anomaly { get; set; }

    /// <summary>The next page to request, on the configured origin; set by <see cref="FollowNext"/>.</summary>
    public Uri? Next { get; private set; }

    /// <summary>Accepts the page's next link through the guard (a link may be followed once per read).</summary>
    public void FollowNext(NextLinkGuard links)
    {
        ArgumentNullException.ThrowIfNull(links);
        Next = links.Follow(NextHref, Url);
    }

    /// <summary>The attributes of an included resource, if the page included it.</summary>
    public bool TryGetIncluded(string type, string id, out JsonElement attributes) => _terms.TryGetValue((type, id), out attributes);

    /// <summary>Reads the document's shape; a page that is not a JSON:API collection fails the read.</summary>
    public static EccpPage Read(string source, Uri url, int number, JsonDocument document)
    {
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw NotJsonApi(source, url, $"the document is a JSON {root.ValueKind}");
            }

            if (root.TryGetProperty("errors", out var errors))
            {
                throw NotJsonApi(source, url, $"it reports errors: {errors.GetRawText()}");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                throw NotJsonApi(source, url, "it has no data list");
            }

            IReadOnlyList<JsonElement> resources = data.ValueKind == JsonValueKind.Array ? [.. data.EnumerateArray()] : [data];
            return new EccpPage(url, number, document, resources, IncludedTerms(root), ReadNextHref(root), StatedCount(root));
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public void Dispose() => _document.Dispose();

    private static string? ReadNextHref(JsonElement root)
    {
        if (!root.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Object
            || !links.TryGetProperty("next", out var next))
        {
            return null;
        }

        return next.ValueKind switch
        {
            JsonValueKind.String => next.GetString(),
            JsonValueKind.Object when next.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String => href.GetString(),
            _ => null,
        };
    }

    private static long? StatedCount(JsonElement root)
    {
        if (!root.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object || !meta.TryGetProperty("count", out var count))
        {
            return null;
        }

        return count.ValueKind switch
        {
            JsonValueKind.Number when count.TryGetInt64(out var value) && value >= 0 => value,
            JsonValueKind.String when long.TryParse(count.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
            _ => null,
        };
    }

    private static Dictionary<(string, string), JsonElement> IncludedTerms(JsonElement root)
    {
        var terms = new Dictionary<(string, string), JsonElement>();
        if (!root.TryGetProperty("included", out var included) || included.ValueKind != JsonValueKind.Array)
        {
            return terms;
        }

        foreach (var resource in included.EnumerateArray())
        {
            if (resource.ValueKind == JsonValueKind.Object
                && resource.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && resource.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
            {
                terms[(type.GetString()!, id.GetString()!)] = attributes;
            }
        }

        return terms;
    }

    private static UpstreamException NotJsonApi(string source, Uri url, string problem) =>
        new(source, $"{url} is not a JSON:API collection page: {problem}.");
}
