using System.Text.Json;
using ClusterSync.Core.Sync;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// One JSON:API collection page: its resources (each read on its own later), the included taxonomy
/// terms by type and id, and the next link already checked by the <see cref="NextLinkGuard"/>.
/// Owns the parsed document.
/// </summary>
internal sealed class EccpPage : IDisposable
{
    private readonly JsonDocument _document;
    private readonly Dictionary<(string Type, string Id), JsonElement> _terms;

    private EccpPage(Uri url, int number, JsonDocument document, IReadOnlyList<JsonElement> resources, Dictionary<(string, string), JsonElement> terms, Uri? next)
    {
        Url = url;
        Number = number;
        _document = document;
        Resources = resources;
        _terms = terms;
        Next = next;
    }

    public Uri Url { get; }

    public int Number { get; }

    public IReadOnlyList<JsonElement> Resources { get; }

    public Uri? Next { get; }

    /// <summary>The attributes of an included resource, if the page included it.</summary>
    public bool TryGetIncluded(string type, string id, out JsonElement attributes) => _terms.TryGetValue((type, id), out attributes);

    /// <summary>Reads the document's shape; a page that is not a JSON:API collection fails the read.</summary>
    public static EccpPage Read(string source, Uri url, int number, JsonDocument document, NextLinkGuard links)
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
            var next = links.Follow(NextHref(root), url);
            return new EccpPage(url, number, document, resources, IncludedTerms(root), next);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public void Dispose() => _document.Dispose();

    private static string? NextHref(JsonElement root)
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
