using ClusterSync.Core.Normalisation.Web;

namespace ClusterSync.Core.Normalisation.Email;

/// <summary>
/// Keeps what a general e-mail address says about an organisation: its domain, lower-case, with
/// internationalised labels in Unicode. The local part is never kept, and a free-mail domain
/// (<c>gmail.com</c>, <c>yahoo.*</c>, <c>web.de</c>, ...) is dropped. Thread-safe.
/// </summary>
public sealed class EmailDomainExtractor
{
    private const int MaximumLength = 320;

    private static readonly Lazy<EmailDomainExtractor> Instance = new(() => Load(PublicSuffixList.Default));

    private readonly PublicSuffixList _suffixes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _freeMailDomains;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _freeMailNames;

    private EmailDomainExtractor(PublicSuffixList suffixes, HashSet<string> domains, HashSet<string> names)
    {
        _suffixes = suffixes;
        _freeMailDomains = domains.GetAlternateLookup<ReadOnlySpan<char>>();
        _freeMailNames = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The extractor over the embedded free-mail list and Public Suffix List.</summary>
    public static EmailDomainExtractor Default => Instance.Value;

    /// <summary>
    /// The domain of <paramref name="address"/>, or null when it holds no valid address or its domain
    /// belongs to a free-mail provider. Accepts <c>mailto:</c>, <c>Name &lt;address&gt;</c> and lists
    /// separated by <c>;</c> or <c>,</c> (the first address counts).
    /// </summary>
    public string? Extract(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaximumLength)
        {
            return null;
        }

        var text = FirstAddress(address.AsSpan());
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return null;
        }

        var ascii = HostName.ToAscii(text[(at + 1)..].TrimEnd('.').ToString());
        if (ascii is null || !IsDomainName(ascii))
        {
            return null;
        }

        var (_, registrableStart) = _suffixes.Find(ascii);
        if (registrableStart < 0 || IsFreeMail(ascii, ascii.AsSpan(registrableStart)))
        {
            return null;
        }

        return HostName.ToUnicode(ascii);
    }

    private bool IsFreeMail(string domain, ReadOnlySpan<char> registrableDomain) =>
        _freeMailDomains.Contains(domain)
        || _freeMailDomains.Contains(registrableDomain)
        || _freeMailNames.Contains(registrableDomain[..registrableDomain.IndexOf('.')]);

    private static ReadOnlySpan<char> FirstAddress(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        var open = text.IndexOf('<');
        if (open >= 0)
        {
            var close = text[(open + 1)..].IndexOf('>');
            text = close < 0 ? text[(open + 1)..] : text.Slice(open + 1, close);
        }

        var end = text.IndexOfAny(';', ',');
        var query = text.IndexOf('?');
        if (query >= 0 && (end < 0 || query < end))
        {
            end = query;
        }

        return (end < 0 ? text : text[..end]).Trim();
    }

    private static bool IsDomainName(string ascii)
    {
        var labelLength = 0;
        var dots = 0;
        foreach (var c in ascii)
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    return false;
                }

                (labelLength, dots) = (0, dots + 1);
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                if (++labelLength > 63)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return labelLength > 0 && dots > 0;
    }

    private static EmailDomainExtractor Load(PublicSuffixList suffixes)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in ResourceText.ReadLines("email/free_mail_domains.txt"))
        {
            var lower = entry.ToLowerInvariant();
            if (lower.EndsWith(".*", StringComparison.Ordinal))
            {
                names.Add(lower[..^2]);
            }
            else
            {
                domains.Add(HostName.ToAscii(lower) ?? lower);
            }
        }

        return new EmailDomainExtractor(suffixes, domains, names);
    }
}
