using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Matching;

/// <summary>
/// The comparable form of a street address: folded, each street-type word and its abbreviations written one way
/// (<c>Hauptstraße 5</c> and <c>Hauptstr. 5</c> → <c>hauptstr 5</c>; <c>435 South La Cienega Boulevard</c> and
/// <c>435 S. La Cienega Blvd.</c> → <c>435 s la cienega blvd</c>), words that only say "street" or "number"
/// dropped (<c>ul.</c>, <c>No.</c>). The words come from the resource <c>addresses/street-types.csv</c>.
/// </summary>
internal static class StreetKeys
{
    private static readonly Lazy<StreetTypes> Types = new(() => StreetTypes.Parse(CsvTable.Load("addresses/street-types.csv")));

    /// <summary>The comparable form of <paramref name="street"/>; null when nothing is left of it.</summary>
    public static string? Of(string? street)
    {
        if (string.IsNullOrWhiteSpace(street))
        {
            return null;
        }

        var folded = NameAnalyser.Fold(street);
        var key = Types.Value.Canonical(folded);
        return key.Length == 0 ? null : key;
    }

    /// <summary>
    /// Whether both streets carry house numbers and share none: <c>12 Main St</c> and <c>14 Main St</c> are two
    /// addresses on one street, not one address written two ways. A number of one that the other also carries
    /// (<c>ul. Długa 5</c>, <c>ul. Długa 5/3</c>) is no conflict.
    /// </summary>
    public static bool NumbersConflict(string a, string b)
    {
        var any = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (!char.IsAsciiDigit(a[i]) || (i > 0 && char.IsAsciiDigit(a[i - 1])))
            {
                continue;
            }

            var end = i;
            while (end < a.Length && char.IsAsciiDigit(a[end]))
            {
                end++;
            }

            if (HasNumber(b, a.AsSpan(i, end - i), out var bHasAny))
            {
                return false;
            }

            any = true;
            if (!bHasAny)
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>Whether <paramref name="text"/> carries <paramref name="number"/> as a whole run of digits.</summary>
    private static bool HasNumber(string text, ReadOnlySpan<char> number, out bool hasAny)
    {
        hasAny = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiDigit(text[i - 1])))
            {
                continue;
            }

            hasAny = true;
            var end = i;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (text.AsSpan(i, end - i).SequenceEqual(number))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The street-type table: whole words and phrases, compound endings, and words to drop, all folded.</summary>
internal sealed class StreetTypes
{
    /// <summary>Letters that stay before a compound ending for it to be replaced (<c>Hauptstraße</c>, not <c>Gate</c>).</summary>
    private const int MinimumStem = 3;

    private readonly Dictionary<string, string> _words;
    private readonly Dictionary<string, string> _phrases;
    private readonly (string Ending, string Canonical)[] _endings;

    private StreetTypes(Dictionary<string, string> words, Dictionary<string, string> phrases, (string, string)[] endings)
    {
        _words = words;
        _phrases = phrases;
        _endings = endings;
    }

    /// <exception cref="FormatException">A kind is unknown, or one folded word is given two different forms.</exception>
    public static StreetTypes Parse(CsvTable table)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        var endings = new List<(string, string)>();
        for (var row = 0; row < table.Rows.Count; row++)
        {
            var cells = table.Rows[row];
            var kind = cells[0];
            var canonical = cells[1];
            foreach (var variant in cells[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var folded = KeyFolder.Fold(variant, null);
                if (folded.Length == 0)
                {
                    continue;
                }

                switch (kind)
                {
                    case "word" or "ignore":
                        var target = folded.Contains(' ', StringComparison.Ordinal) ? phrases : words;
                        if (target.TryGetValue(folded, out var known) && known != canonical)
                        {
                            throw new FormatException(
                                $"street-types.csv line {table.Lines[row]}: '{variant}' folds to '{folded}', already written '{known}'.");
                        }

                        target[folded] = canonical;
                        break;
                    case "suffix":
                        if (folded != canonical)
                        {
                            endings.Add((folded, canonical));
                        }

                        break;
                    default:
                        throw new FormatException($"street-types.csv line {table.Lines[row]}: unknown kind '{kind}'.");
                }
            }
        }

        // Longest ending first, so that "gatan" is replaced before "gata".
        return new StreetTypes(words, phrases, [.. endings.OrderByDescending(e => e.Item1.Length).ThenBy(e => e.Item1, StringComparer.Ordinal)]);
    }

    /// <summary>The canonical form of a folded street (words separated by single spaces).</summary>
    public string Canonical(string folded)
    {
        var tokens = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(tokens.Length);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i + 1 < tokens.Length && _phrases.TryGetValue(string.Concat(tokens[i], " ", tokens[i + 1]), out var phrase))
            {
                Add(result, phrase);
                i++;
                continue;
            }

            Add(result, _words.TryGetValue(tokens[i], out var word) ? word : Ending(tokens[i]));
        }

        return string.Join(' ', result);
    }

    private static void Add(List<string> result, string token)
    {
        if (token.Length > 0)
        {
            result.Add(token);
        }
    }

    private string Ending(string token)
    {
        foreach (var (ending, canonical) in _endings)
        {
            if (token.Length >= ending.Length + MinimumStem && token.EndsWith(ending, StringComparison.Ordinal))
            {
                return string.Concat(token.AsSpan(0, token.Length - ending.Length), canonical);
            }
        }

        return token;
    }
}
