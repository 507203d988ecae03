using System.Buffers;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Matching;

/// <summary>
/// The comparable forms of a street address and a locality: folded, each street-type or place word and its
/// abbreviations written one way (<c>Hauptstraße 5</c> and <c>Hauptstr. 5</c> → <c>hauptstr 5</c>;
/// <c>435 South La Cienega Boulevard</c> and <c>435 S. La Cienega Blvd.</c> → <c>435 s la cienega blvd</c>;
/// <c>Saint Louis</c> and <c>St. Louis</c> → <c>st louis</c>), words that only say "street" or "number" dropped
/// (<c>ul.</c>, <c>No.</c>). The words come from the resources <c>addresses/street-types.csv</c> and
/// <c>addresses/locality-words.csv</c>.
/// </summary>
internal static class AddressKeys
{
    private static readonly Lazy<AddressWords> StreetWords = new(() => AddressWords.Parse(CsvTable.Load("addresses/street-types.csv")));
    private static readonly Lazy<AddressWords> LocalityWords = new(() => AddressWords.Parse(CsvTable.Load("addresses/locality-words.csv")));

    /// <summary>The comparable form of <paramref name="street"/>; null when nothing is left of it.</summary>
    public static string? Street(string? street) => Key(street, StreetWords.Value);

    /// <summary>The comparable form of <paramref name="locality"/>; null when nothing is left of it.</summary>
    public static string? Locality(string? locality) => Key(locality, LocalityWords.Value, out _);

    /// <summary>As <see cref="Locality(string?)"/>, with the locality folded as written (null when blank).</summary>
    public static string? Locality(string? locality, out string? written) => Key(locality, LocalityWords.Value, out written);

    private static string? Key(string? text, AddressWords words) => Key(text, words, out _);

    private static string? Key(string? text, AddressWords words, out string? folded)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            folded = null;
            return null;
        }

        folded = NameAnalyser.Fold(text);
        var key = words.Canonical(folded);
        return key.Length == 0 ? null : key;
    }

    /// <summary>
    /// Whether both streets carry house numbers and share none: <c>12 Main St</c> and <c>14 Main St</c> are two
    /// addresses on one street, not one address written two ways. A number of one that the other also carries
    /// (<c>ul. Długa 5</c>, <c>ul. Długa 5/3</c>) is no conflict.
    /// </summary>
    public static bool NumbersConflict(string a, string b)
    {
        var aHasNumbers = false;
        for (var i = 0; NextNumber(a, ref i, out var number);)
        {
            aHasNumbers = true;
            var bHasNumbers = false;
            for (var j = 0; NextNumber(b, ref j, out var other);)
            {
                bHasNumbers = true;
                if (number.SequenceEqual(other))
                {
                    return false;
                }
            }

            if (!bHasNumbers)
            {
                return false;
            }
        }

        return aHasNumbers;
    }

    /// <summary>The next whole run of digits at or after <paramref name="position"/>, which moves past it.</summary>
    private static bool NextNumber(string text, ref int position, out ReadOnlySpan<char> number)
    {
        while (position < text.Length && !char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        number = text.AsSpan(start, position - start);
        return number.Length > 0;
    }
}

/// <summary>A table of address words: whole words and phrases, compound endings, and words to drop, all folded.</summary>
internal sealed class AddressWords
{
    /// <summary>Letters that stay before a compound ending for it to be replaced (<c>Hauptstraße</c>, not <c>Gate</c>).</summary>
    private const int MinimumStem = 3;

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly (string Ending, string Canonical)[] _endings;

    /// <summary>How many characters of output one character of input can become at most (a one-letter word written in full).</summary>
    private readonly int _maxGrowth;

    private AddressWords(Dictionary<string, string> words, Dictionary<string, string> phrases, (string, string)[] endings)
    {
        _wordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseLookup = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _endings = endings;
        _maxGrowth = Math.Max(2, words.Values.Concat(phrases.Values).Select(v => v.Length + 1).DefaultIfEmpty(1).Max());
    }

    /// <exception cref="FormatException">A kind is unknown, or one folded word is given two different forms.</exception>
    public static AddressWords Parse(CsvTable table)
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
                                $"line {table.Lines[row]}: '{variant}' folds to '{folded}', already written '{known}'.");
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
                        throw new FormatException($"line {table.Lines[row]}: unknown kind '{kind}'.");
                }
            }
        }

        // Longest ending first, so that "gatan" is replaced before "gata".
        return new AddressWords(words, phrases, [.. endings.OrderByDescending(e => e.Item1.Length).ThenBy(e => e.Item1, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The canonical form of a folded street (words separated by single spaces): one pass over its words, one
    /// string at the end, none when nothing changes (a million records are keyed while they are read).
    /// </summary>
    public string Canonical(string folded)
    {
        var capacity = (folded.Length * _maxGrowth) + 8;
        char[]? rented = null;
        var output = capacity <= 512 ? stackalloc char[capacity] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var text = folded.AsSpan();
            var length = 0;
            var position = 0;
            while (NextWord(text, ref position, out var start, out var end))
            {
                var after = position;
                if (NextWord(text, ref after, out _, out var phraseEnd) && _phraseLookup.TryGetValue(text[start..phraseEnd], out var phrase))
                {
                    Append(output, ref length, phrase);
                    position = after;
                    continue;
                }

                var word = text[start..end];
                if (_wordLookup.TryGetValue(word, out var canonical))
                {
                    Append(output, ref length, canonical);
                }
                else
                {
                    AppendWithEnding(output, ref length, word);
                }
            }

            var result = output[..length];
            return result.SequenceEqual(text) ? folded : new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The next word at or after <paramref name="position"/>, which moves past it.</summary>
    private static bool NextWord(ReadOnlySpan<char> text, ref int position, out int start, out int end)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }

        start = position;
        while (position < text.Length && text[position] != ' ')
        {
            position++;
        }

        end = position;
        return end > start;
    }

    private static void Append(Span<char> output, ref int length, ReadOnlySpan<char> word)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (length > 0)
        {
            output[length++] = ' ';
        }

        word.CopyTo(output[length..]);
        length += word.Length;
    }

    private void AppendWithEnding(Span<char> output, ref int length, ReadOnlySpan<char> word)
    {
        foreach (var (ending, canonical) in _endings)
        {
            if (word.Length >= ending.Length + MinimumStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                Append(output, ref length, word[..^ending.Length]);
                canonical.AsSpan().CopyTo(output[length..]);
                length += canonical.Length;
                return;
            }
        }

        Append(output, ref length, word);
    }
}
