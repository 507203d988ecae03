namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Normalises the country argument of name analysis to an upper-case ISO 3166-1 alpha-2 code.</summary>
internal static class CountryCodes
{
    /// <summary>Upper-case alpha-2 code, with the EU's EL and UK read as GR and GB; null when not two letters.</summary>
    public static string? Normalise(string? country)
    {
        if (country is null)
        {
            return null;
        }

        var code = country.AsSpan().Trim();
        if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            return null;
        }

        Span<char> upper = [char.ToUpperInvariant(code[0]), char.ToUpperInvariant(code[1])];
        return upper switch
        {
            "EL" or "GR" => "GR",
            "UK" or "GB" => "GB",
            _ when country.Length == 2 && upper.SequenceEqual(country) => country,
            _ => new string(upper),
        };
    }
}
