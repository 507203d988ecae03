using System.Text.Json;

namespace ClusterSync.Core.Normalisation.Countries;

/// <summary>
/// Resolves a country as sources write it (ISO 3166-1 alpha-2, alpha-3 or numeric code, or a name in
/// English or a European language) to its ISO 3166-1 alpha-2 code. Thread-safe.
/// </summary>
/// <remarks>
/// Names are compared by <see cref="LookupKey"/>, so case, diacritics and punctuation do not matter.
/// A name that means different countries in different languages (e.g. "Kongo") is left out.
/// </remarks>
public sealed class CountryResolver
{
    private static readonly Lazy<CountryResolver> Instance = new(Load);

    private readonly Dictionary<string, string> _codes;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _codeLookup;
    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _namesAsWritten;

    private CountryResolver(Dictionary<string, string> codes, Dictionary<string, string> names, Dictionary<string, string> namesAsWritten)
    {
        _codes = codes;
        _codeLookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = names;
        _namesAsWritten = namesAsWritten.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The resolver over the embedded country data.</summary>
    public static CountryResolver Default => Instance.Value;

    /// <summary>Every alpha-2 code the resolver knows.</summary>
    public IEnumerable<string> Alpha2Codes => _codes.Values.Distinct(StringComparer.Ordinal);

    /// <summary>The alpha-2 code of <paramref name="country"/>, or null when it names no known country.</summary>
    public string? Resolve(string? country)
    {
        if (country is null)
        {
            return null;
        }

        var text = country.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (text.Length <= 3 && _codeLookup.TryGetValue(text, out var alpha2))
        {
            return alpha2;
        }

        if (text.Length < 3 && char.IsAsciiDigit(text[0]) && int.TryParse(text, out var numeric))
        {
            return _codes.GetValueOrDefault(numeric.ToString("000", System.Globalization.CultureInfo.InvariantCulture));
        }

        // Most sources spell names as the tables do: skip folding for those.
        return _namesAsWritten.TryGetValue(text, out alpha2) ? alpha2 : _names.GetValueOrDefault(LookupKey.Of(country));
    }

    private static CountryResolver Load()
    {
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var document = JsonDocument.Parse(ResourceText.Read("countries/codes.json")))
        {
            foreach (var row in document.RootElement.EnumerateArray())
            {
                var alpha2 = string.Intern(row[0].GetString()!);
                codes[alpha2] = alpha2;
                codes[row[1].GetString()!] = alpha2;
                codes[row[2].GetString()!] = alpha2;
            }
        }

        var written = new List<string>();
        var names = LoadNames(codes, written);
        var aliases = CsvTable.Load("countries/aliases.csv");
        int alias = aliases.Column("alias"), target = aliases.Column("alpha2");
        foreach (var row in aliases.Rows)
        {
            names[LookupKey.Of(row[alias])] = codes[row[target]];
            written.Add(row[alias]);
        }

        var namesAsWritten = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in written)
        {
            if (names.TryGetValue(LookupKey.Of(name), out var alpha2))
            {
                namesAsWritten[name] = alpha2;
            }
        }

        return new CountryResolver(codes, names, namesAsWritten);
    }

    private static Dictionary<string, string> LoadNames(Dictionary<string, string> codes, List<string> written)
    {
        var candidates = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in ResourceText.List("countries/langs/"))
        {
            using var document = JsonDocument.Parse(ResourceText.Read(path));
            foreach (var entry in document.RootElement.GetProperty("countries").EnumerateObject())
            {
                var alpha2 = codes[entry.Name];
                if (entry.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var name in entry.Value.EnumerateArray())
                    {
                        written.Add(name.GetString()!);
                        AddCandidate(candidates, written[^1], alpha2);
                    }
                }
                else
                {
                    written.Add(entry.Value.GetString()!);
                    AddCandidate(candidates, written[^1], alpha2);
                }
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, alpha2) in candidates)
        {
            if (alpha2 is not null)
            {
                names[key] = alpha2;
            }
        }

        return names;
    }

    private static void AddCandidate(Dictionary<string, string?> candidates, string name, string alpha2)
    {
        var key = LookupKey.Of(name);
        if (key.Length == 0)
        {
            return;
        }

        // A name claimed by two countries stays in the table as null: ambiguous, never guessed.
        candidates[key] = candidates.TryGetValue(key, out var existing) && existing != alpha2 ? null : alpha2;
    }
}
