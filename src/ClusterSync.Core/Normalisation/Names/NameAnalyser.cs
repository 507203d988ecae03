using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>An organisation name taken apart for display and for matching.</summary>
/// <param name="Display">The name as written: NFKC, control characters removed, whitespace collapsed.</param>
/// <param name="Core">The display name without its legal form.</param>
/// <param name="LegalForm">The legal form recognised in the name, if any.</param>
/// <param name="MatchingKey">The core folded for matching: transliterated to Latin, lower-case, no diacritics or punctuation, single spaces.</param>
/// <param name="Initials">First letters of the matching key's words, stop words skipped (for acronym comparison).</param>
public sealed record NameAnalysis(string Display, string Core, LegalForm? LegalForm, string MatchingKey, string Initials);

/// <summary>Cleans, folds and analyses organisation names. Thread-safe.</summary>
public sealed class NameAnalyser
{
    private readonly Lazy<LegalFormRecogniser> _recogniser;
    private readonly Lazy<FoldedWordSet> _stopWords;

    /// <summary>An analyser on the embedded ISO 20275 list, alias table and word lists (loaded on first use).</summary>
    public NameAnalyser()
    {
        _stopWords = new(() => FoldedWordSet.StopWords);
        _recogniser = new(() => new LegalFormRecogniser(LegalFormCatalog.Default, FoldedWordSet.StopWords));
    }

    public static NameAnalyser Default { get; } = new();

    /// <summary>Analyses a name; <paramref name="country"/> (ISO alpha-2) selects legal forms and transliteration rules.</summary>
    public NameAnalysis Analyse(string name, string? country)
    {
        ArgumentNullException.ThrowIfNull(name);
        var display = Clean(name);
        var code = CountryCodes.Normalise(country);
        Span<char> chars = stackalloc char[KeyWriter.StackChars];
        Span<KeyToken> words = stackalloc KeyToken[KeyWriter.StackWords];
        var writer = new KeyWriter(chars, words);
        try
        {
            KeyFolder.FoldInto(display, code, ref writer);
            var match = _recogniser.Value.Find(display, writer.Key, writer.Tokens, code);
            return Compose(display, writer.Key, writer.Tokens, match);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>NFKC, control and format characters removed, every kind of whitespace collapsed to one space, trimmed.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NameCleaner.Clean(text);
    }

    /// <summary>
    /// Matching key of any text (names, cities, streets): transliterated to Latin (Cyrillic by the
    /// rules of <paramref name="country"/>, Greek by ELOT 743), lower-case ASCII letters and digits,
    /// no diacritics, apostrophes and dots inside words removed, other punctuation a word break,
    /// single spaces.
    /// </summary>
    public static string Fold(string text, string? country = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return KeyFolder.Fold(text, CountryCodes.Normalise(country));
    }

    private NameAnalysis Compose(string display, ReadOnlySpan<char> key, ReadOnlySpan<KeyToken> words, LegalFormMatch match)
    {
        string core;
        string matchingKey;
        switch (match.Position)
        {
            case LegalFormPosition.End:
                core = TrimSeparatorsEnd(display.AsSpan(0, words[match.FirstWord].SourceStart)).ToString();
                matchingKey = new string(key[..words[match.FirstWord - 1].KeyEnd]);
                break;
            case LegalFormPosition.BeforeGroup:
                var next = words[match.FirstWord + match.WordCount];
                core = string.Concat(
                    TrimSeparatorsEnd(display.AsSpan(0, words[match.FirstWord].SourceStart)), " ", display.AsSpan(match.GroupStart).TrimEnd());
                matchingKey = string.Concat(key[..words[match.FirstWord - 1].KeyEnd], " ", key[next.KeyStart..]);
                break;
            case LegalFormPosition.Start:
                core = TrimSeparatorsStart(display.AsSpan(words[match.WordCount - 1].SourceEnd)).ToString();
                matchingKey = new string(key[words[match.WordCount].KeyStart..]);
                break;
            default:
                core = display;
                matchingKey = key.SequenceEqual(display) ? display : new string(key);
                break;
        }

        return new NameAnalysis(display, core, match.Form, matchingKey, NameInitials.Of(matchingKey, _stopWords.Value));
    }

    private static ReadOnlySpan<char> TrimSeparatorsEnd(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0 && IsSeparator(text[end - 1], "(".AsSpan()))
        {
            end--;
        }

        return text[..end];
    }

    private static ReadOnlySpan<char> TrimSeparatorsStart(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && IsSeparator(text[start], ".)".AsSpan()))
        {
            start++;
        }

        return text[start..];
    }

    private static bool IsSeparator(char c, ReadOnlySpan<char> extra) =>
        c is ' ' or ',' or ';' or ':' or '-' or '–' or '—' or '/' or '|' or '&' or '+' || extra.Contains(c);
}
