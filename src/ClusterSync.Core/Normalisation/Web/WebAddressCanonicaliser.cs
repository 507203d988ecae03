using System.Text;

namespace ClusterSync.Core.Normalisation.Web;

/// <summary>
/// Canonicalises web addresses so that the same site written differently compares equal: adds
/// <c>http://</c> when no scheme is given, lower-cases scheme and host, strips <c>www.</c> and
/// <c>www2.</c>, writes internationalised hosts in Unicode, drops the default port, the fragment,
/// trailing slashes and tracking parameters (<c>utm_*</c>, <c>gclid</c>, <c>fbclid</c>), keeps the
/// path. Thread-safe.
/// </summary>
public sealed class WebAddressCanonicaliser
{
    private const int MaximumLength = 2048;

    private readonly PublicSuffixList _suffixes;

    public WebAddressCanonicaliser(PublicSuffixList suffixes) => _suffixes = suffixes;

    /// <summary>The canonicaliser over the embedded Public Suffix List.</summary>
    public static WebAddressCanonicaliser Default { get; } = new(PublicSuffixList.Default);

    /// <summary>
    /// The canonical form of <paramref name="address"/>, or null when it is no http(s) address of a
    /// site: blank, containing spaces, another scheme (<c>mailto:</c>, <c>ftp:</c>), an e-mail address,
    /// a host without a dot or one that is itself a public suffix.
    /// </summary>
    public CanonicalWebAddress? Canonicalise(string? address)
    {
        var text = address?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaximumLength || ContainsWhiteSpace(text))
        {
            return null;
        }

        var withScheme = WithScheme(text);
        if (withScheme is null || !Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var site = uri.HostNameType switch
        {
            UriHostNameType.Dns => Site(uri.IdnHost),
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => (uri.Host, (string?)null),
            _ => ((string, string?)?)null,
        };
        if (site is not { } found)
        {
            return null;
        }

        var (host, registrable) = found;

        var url = new StringBuilder(withScheme.Length + 8)
            .Append(uri.Scheme).Append("://").Append(host);
        if (!uri.IsDefaultPort)
        {
            url.Append(':').Append(uri.Port);
        }

        url.Append(uri.AbsolutePath.AsSpan().TrimEnd('/'));
        AppendQuery(url, uri.Query);
        return new CanonicalWebAddress(url.ToString(), host, registrable);
    }

    private (string Host, string? Registrable)? Site(string idnHost)
    {
        var ascii = idnHost.ToLowerInvariant().TrimEnd('.');
        if (!ascii.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["www.", "www2."])
        {
            if (ascii.StartsWith(prefix, StringComparison.Ordinal) && ascii.AsSpan(prefix.Length).Contains('.'))
            {
                ascii = ascii[prefix.Length..];
                break;
            }
        }

        var (_, registrableStart) = _suffixes.Find(ascii);
        if (registrableStart < 0 || HostName.ToUnicode(ascii) is not { } host)
        {
            return null;
        }

        return (host, registrableStart == 0 ? host : HostName.ToUnicode(ascii[registrableStart..]));
    }

    private static string? WithScheme(string text)
    {
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator > 0 && IsScheme(text.AsSpan(0, separator)))
        {
            return text;
        }

        if (separator == 0 || text.Contains('@', StringComparison.Ordinal) || text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return text.StartsWith("//", StringComparison.Ordinal) ? "http:" + text : "http://" + text;
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(text[0]);
    }

    private static void AppendQuery(StringBuilder url, string query)
    {
        if (query.Length <= 1)
        {
            return;
        }

        var first = true;
        foreach (var range in query.AsSpan(1).Split('&'))
        {
            var parameter = query.AsSpan(1)[range];
            if (parameter.IsEmpty || IsTracking(parameter))
            {
                continue;
            }

            url.Append(first ? '?' : '&').Append(parameter);
            first = false;
        }
    }

    private static bool IsTracking(ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        var name = equals < 0 ? parameter : parameter[..equals];
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
            || name.Equals("gclid", StringComparison.OrdinalIgnoreCase)
            || name.Equals("fbclid", StringComparison.OrdinalIgnoreCase);
    }

    private static bool ContainsWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
