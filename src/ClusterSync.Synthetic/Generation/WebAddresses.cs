using System.Text;
using ClusterSync.Synthetic.Noise;

namespace ClusterSync.Synthetic.Generation;

/// <summary>Domains derived from names, and the spellings a website address comes in.</summary>
internal static class WebAddresses
{
    public const int CanonicalStyles = 5;
    private static readonly string[] Prefixes = ["https://www.", "https://", "http://www.", "www.", "https://www.", "http://", ""];
    private static readonly string[] Suffixes = ["", "", "", "", "/", "/", ""];

    /// <summary>Lower-case ASCII words joined by <paramref name="separator"/>: at most <paramref name="maxWords"/> words, about 60 characters.</summary>
    public static string Slug(string text, int maxWords = 10, string separator = "-", int maxLength = 56)
    {
        var builder = new StringBuilder(Math.Min(text.Length + 8, 64));
        var words = 0;
        var inWord = false;
        foreach (var original in text)
        {
            var mapped = TextFold.Map(original);
            var length = mapped?.Length ?? 1;
            for (var k = 0; k < length; k++)
            {
                var c = mapped is null ? original : mapped[k];
                c = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
                {
                    inWord = false;
                    continue;
                }

                if (!inWord)
                {
                    if (words == maxWords || builder.Length >= maxLength)
                    {
                        return builder.ToString();
                    }

                    if (words > 0)
                    {
                        builder.Append(separator);
                    }

                    words++;
                    inWord = true;
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The organisation's own domain: its name (hyphenated or run together) or acronym plus city.</summary>
    public static string OwnDomain(string latinName, string? acronym, string cityAscii, string tld, ref SeededRandom random)
    {
        var roll = random.NextDouble();
        var full = Slug(latinName, 30, "-", 500);
        var label = roll < 0.6 ? Shorten(full, "-")
            : roll < 0.9 || acronym is null || !TextNoise.IsAscii(acronym) ? Shorten(full, "")
            : Slug(acronym, 1) + "-" + Slug(cityAscii, 3);
        return (label.Length > 0 ? label : "org" + random.Next(100_000)) + "." + tld;
    }

    /// <summary>
    /// Shortens a long hyphenated slug as organisations do: leading words become initials until it fits
    /// (<c>agrupacion-empresarial-innovadora-envase-zaragoza</c> → <c>aei-envase-zaragoza</c>).
    /// </summary>
    private static string Shorten(string slug, string separator)
    {
        const int MaxLength = 40;
        if (slug.Length <= MaxLength)
        {
            return separator == "-" ? slug : slug.Replace("-", separator, StringComparison.Ordinal);
        }

        var words = slug.Split('-');
        var collapsed = 0;
        while (collapsed < words.Length - 2 && Length(words, collapsed) > MaxLength)
        {
            collapsed++;
        }

        if (collapsed == 0)
        {
            return string.Join(separator, words);
        }

        var initials = string.Concat(words.Take(collapsed).Select(w => w[0]));
        return initials + separator + string.Join(separator, words.Skip(collapsed));
    }

    private static int Length(string[] words, int collapsed)
    {
        var length = collapsed;
        for (var i = collapsed; i < words.Length; i++)
        {
            length += words[i].Length + 1;
        }

        return length;
    }

    public static string Website(string domainAndPath, int style) => string.Concat(Prefixes[style], domainAndPath, Suffixes[style]);

    /// <summary>Another spelling of the same address (scheme, <c>www.</c>, trailing slash, sometimes upper case).</summary>
    public static string Variant(string domainAndPath, int canonicalStyle, ref SeededRandom random)
    {
        var style = (canonicalStyle + 1 + random.Next(Prefixes.Length - 1)) % Prefixes.Length;
        var website = Website(domainAndPath, style);
        return random.Chance(0.1) ? website.ToUpperInvariant() : website;
    }
}
