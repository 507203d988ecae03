namespace ClusterSync.Core.Normalisation.Regions;

/// <summary>
/// Resolves a U.S. state, the District of Columbia or a territory, given by USPS code or by name,
/// to its USPS code. Thread-safe.
/// </summary>
public sealed class UsStateResolver
{
    private static readonly Lazy<UsStateResolver> Instance = new(Load);

    private readonly Dictionary<string, string> _codes;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _codeLookup;
    private readonly Dictionary<string, string> _names;

    private UsStateResolver(Dictionary<string, string> codes, Dictionary<string, string> names)
    {
        _codes = codes;
        _codeLookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = names;
    }

    /// <summary>The resolver over the embedded table (50 states, DC and the inhabited territories).</summary>
    public static UsStateResolver Default => Instance.Value;

    /// <summary>Every USPS code the resolver knows.</summary>
    public IReadOnlyCollection<string> Codes => _codes.Keys;

    /// <summary>The USPS code of <paramref name="region"/>, or null when it names no state or territory.</summary>
    public string? Resolve(string? region)
    {
        if (region is null)
        {
            return null;
        }

        var text = region.AsSpan().Trim();
        if (text.Length == 2 && _codeLookup.TryGetValue(text, out var code))
        {
            return code;
        }

        return text.Length > 2 ? _names.GetValueOrDefault(LookupKey.Of(region)) : null;
    }

    private static UsStateResolver Load()
    {
        var table = CsvTable.Load("countries/us_states.csv");
        int code = table.Column("code"), name = table.Column("name");
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var usps = codes.TryGetValue(row[code], out var known) ? known : codes[row[code]] = row[code];
            names[LookupKey.Of(row[name])] = usps;
        }

        return new UsStateResolver(codes, names);
    }
}
