namespace ClusterSync.Core.Normalisation.Regions;

/// <summary>NUTS 2 region codes (Eurostat's Nomenclature of Territorial Units for Statistics).</summary>
public static class NutsRegion
{
    /// <summary>
    /// The country prefix NUTS codes use for an ISO alpha-2 country: the EU's own code, which differs
    /// from ISO only for Greece (<c>EL</c>) and the United Kingdom (<c>UK</c>).
    /// </summary>
    public static string CountryPrefix(string alpha2) => alpha2 switch
    {
        "GR" => "EL",
        "GB" => "UK",
        _ => alpha2,
    };

    /// <summary>
    /// The NUTS 2 code in <paramref name="code"/> when it has the shape of one for
    /// <paramref name="country"/>: the country prefix and two letters or digits (a NUTS 3 code gives
    /// its NUTS 2 parent). Null otherwise; the code's existence is not checked.
    /// </summary>
    public static string? Parse(string? code, string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (code is null)
        {
            return null;
        }

        var text = code.AsSpan().Trim();
        var prefix = CountryPrefix(country);
        if (text.Length is < 4 or > 5 || !text[..2].Equals(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var c in text[2..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        Span<char> nuts2 = stackalloc char[4];
        text[..4].ToUpperInvariant(nuts2);
        return new string(nuts2);
    }
}
