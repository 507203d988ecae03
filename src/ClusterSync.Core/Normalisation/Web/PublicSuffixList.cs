using System.Text;

namespace ClusterSync.Core.Normalisation.Web;

/// <summary>
/// The Public Suffix List and its published algorithm: normal, wildcard (<c>*.</c>) and exception
/// (<c>!</c>) rules from both the ICANN and the private sections, the default rule <c>*</c> for
/// unlisted top-level domains, and internationalised names compared in their A-label form.
/// Thread-safe.
/// </summary>
public sealed class PublicSuffixList
{
    private static readonly Lazy<PublicSuffixList> Instance =
        new(() => Parse(ResourceText.Read("psl/public_suffix_list.dat")));

    private readonly Dictionary<string, RuleKinds>.AlternateLookup<ReadOnlySpan<char>> _rules;

    private PublicSuffixList(Dictionary<string, RuleKinds> rules)
    {
        _rules = rules.GetAlternateLookup<ReadOnlySpan<char>>();
        RuleCount = rules.Count;
    }

    [Flags]
    private enum RuleKinds
    {
        None = 0,
        Normal = 1,
        Wildcard = 2,
        Exception = 4,
    }

    /// <summary>The list embedded in this assembly.</summary>
    public static PublicSuffixList Default => Instance.Value;

    /// <summary>How many distinct rule names the list holds (a name with a wildcard and a normal rule counts once).</summary>
    public int RuleCount { get; }

    /// <summary>Reads a list in the format of <c>public_suffix_list.dat</c>.</summary>
    public static PublicSuffixList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new Dictionary<string, RuleKinds>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.AsSpan().Trim();
            var end = line.IndexOfAny(' ', '\t');
            var rule = (end < 0 ? line : line[..end]).ToString();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var kind = RuleKinds.Normal;
            if (rule.StartsWith('!'))
            {
                (kind, rule) = (RuleKinds.Exception, rule[1..]);
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                (kind, rule) = (RuleKinds.Wildcard, rule[2..]);
            }

            var key = HostName.ToAscii(rule) ?? rule.ToLowerInvariant();
            rules[key] = rules.GetValueOrDefault(key) | kind;
        }

        return new PublicSuffixList(rules);
    }

    /// <summary>
    /// The public suffix of <paramref name="domain"/> (e.g. <c>co.uk</c>), in the form the domain was
    /// given (Unicode or punycode), lower-case; null for null, empty or malformed input.
    /// </summary>
    public string? GetPublicSuffix(string? domain) => Lookup(domain, registrable: false);

    /// <summary>
    /// The registrable domain of <paramref name="domain"/>: its public suffix plus one label (e.g.
    /// <c>example.co.uk</c>), in the form the domain was given, lower-case. Null when the domain is
    /// itself a public suffix, or is null, empty or malformed (a leading dot, an empty label).
    /// </summary>
    public string? GetRegistrableDomain(string? domain) => Lookup(domain, registrable: true);

    /// <summary>
    /// Where the public suffix of a lower-case A-label host starts, and where its registrable domain
    /// starts (-1 when the host is itself a public suffix).
    /// </summary>
    internal (int SuffixStart, int RegistrableStart) Find(ReadOnlySpan<char> asciiHost)
    {
        var suffixStart = FindSuffixStart(asciiHost);
        var registrableStart = suffixStart == 0 ? -1 : asciiHost[..(suffixStart - 1)].LastIndexOf('.') + 1;
        return (suffixStart, registrableStart);
    }

    private string? Lookup(string? domain, bool registrable)
    {
        if (string.IsNullOrEmpty(domain) || !HasOnlyNonEmptyLabels(domain))
        {
            return null;
        }

        var ascii = HostName.ToAscii(domain);
        if (ascii is null || !HasOnlyNonEmptyLabels(ascii))
        {
            return null;
        }

        var (suffixStart, registrableStart) = Find(ascii);
        var start = registrable ? registrableStart : suffixStart;
        if (start < 0)
        {
            return null;
        }

        var result = ascii[start..];
        return Ascii.IsValid(domain) ? result : HostName.ToUnicode(result);
    }

    private int FindSuffixStart(ReadOnlySpan<char> host)
    {
        var best = host.LastIndexOf('.') + 1;
        var previousStart = host.Length + 1;
        var previousKinds = RuleKinds.None;
        var end = host.Length;
        while (true)
        {
            var dot = host[..end].LastIndexOf('.');
            var start = dot + 1;
            _rules.TryGetValue(host[start..], out var kinds);
            if ((kinds & RuleKinds.Exception) != 0)
            {
                return previousStart;
            }

            if ((kinds & RuleKinds.Normal) != 0 || (previousKinds & RuleKinds.Wildcard) != 0)
            {
                best = start;
            }

            if (dot < 0)
            {
                return best;
            }

            (previousStart, previousKinds, end) = (start, kinds, dot);
        }
    }

    private static bool HasOnlyNonEmptyLabels(string domain)
    {
        var labelLength = 0;
        foreach (var c in domain)
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    return false;
                }

                labelLength = 0;
            }
            else
            {
                labelLength++;
            }
        }

        return labelLength > 0;
    }
}
