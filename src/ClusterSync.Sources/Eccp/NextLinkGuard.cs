using ClusterSync.Core.Sync;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Decides which <c>links.next</c> a read follows. A link on another origin (ECCP writes
/// <c>http://default</c>) is rewritten to the configured origin, path and query kept, so a read never
/// leaves the configured host; a link to a page already read is a cycle and fails the read.
/// </summary>
internal sealed class NextLinkGuard(Uri origin, string source)
{
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    /// <summary>Records a page as read.</summary>
    public void Visit(Uri page) => _visited.Add(Key(page));

    /// <summary>The link to request next, on the configured origin; null when the listing ends.</summary>
    /// <exception cref="UpstreamException">The link is not an http(s) URI, or it leads back to a page already read.</exception>
    public Uri? Follow(string? href, Uri page)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        if (!Uri.TryCreate(page, href, out var link) || (link.Scheme != Uri.UriSchemeHttp && link.Scheme != Uri.UriSchemeHttps))
        {
            throw new UpstreamException(source, $"links.next of {page} is not an http(s) address: '{href}'.");
        }

        var rewritten = IsOnOrigin(link) ? link : OnOrigin(link);
        if (!_visited.Add(Key(rewritten)))
        {
            throw new UpstreamException(
                source,
                $"links.next of {page} leads back to {rewritten}, a page this read has already fetched: the listing cycles.");
        }

        return rewritten;
    }

    private bool IsOnOrigin(Uri link) =>
        string.Equals(link.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(link.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && link.Port == origin.Port;

    private Uri OnOrigin(Uri link) =>
        new UriBuilder(link) { Scheme = origin.Scheme, Host = origin.Host, Port = origin.Port }.Uri;

    /// <summary>A page's identity: origin, path and the decoded query pairs in order, so encodings of one link compare equal.</summary>
    private static string Key(Uri page)
    {
        var pairs = page.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = Uri.UnescapeDataString(pairs[i].Replace('+', ' '));
        }

        Array.Sort(pairs, StringComparer.Ordinal);
        return $"{page.GetLeftPart(UriPartial.Path)}?{string.Join('&', pairs)}";
    }
}
