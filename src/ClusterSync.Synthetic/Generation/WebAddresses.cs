using System.Text;
using ClusterSync.Synthetic.Noise;

namespace ClusterSync.Synthetic.Generation;

/// <summary>Domains derived from names, and the spellings a website address comes in.</summary>
internal static class WebAddresses
{
    public const int CanonicalStyles = 5;
    private static readonly string[] Styles =
        ["https://www.{0}", "https://{0}", "http://www.{0}", "www.{0}", "https://www.{0}/", "http://{0}/", "{0}"];

    /// <summary>Lower-case ASCII words joined by <paramref name="separator"/>, at most <paramref name="maxWords"/> words.</summary>
    public static string Slug(string text, int maxWords = 5, string separator = "-")
    {
        var folded = TextNoise.StripDiacritics(text).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var words = 0;
        var inWord = false;
        foreach (var c in folded)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (!inWord)
                {
                    if (words == maxWords)
                    {
                        break;
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
            else
            {
                inWord = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>The organisation's own domain: its name (hyphenated or run together) or acronym plus city.</summary>
    public static string OwnDomain(string latinName, string? acronym, string cityAscii, string tld, ref SeededRandom random)
    {
        var roll = random.NextDouble();
        var label = roll < 0.6 ? Slug(latinName)
            : roll < 0.85 || acronym is null ? Slug(latinName, 4, "")
            : Slug(acronym, 1) + "-" + Slug(cityAscii, 2);
        return (label.Length > 0 ? label : "org" + random.Next(100_000)) + "." + tld;
    }

    public static string Website(string domainAndPath, int style) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Styles[style], domainAndPath);

    /// <summary>Another spelling of the same address (scheme, <c>www.</c>, trailing slash, sometimes upper case).</summary>
    public static string Variant(string domainAndPath, int canonicalStyle, ref SeededRandom random)
    {
        var style = (canonicalStyle + 1 + random.Next(Styles.Length - 1)) % Styles.Length;
        var website = Website(domainAndPath, style);
        return random.Chance(0.1) ? website.ToUpperInvariant() : website;
    }
}
