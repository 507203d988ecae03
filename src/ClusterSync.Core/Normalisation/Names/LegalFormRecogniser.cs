using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Where in a name its legal form was found.</summary>
internal enum LegalFormPosition
{
    None,

    /// <summary>The last words ("Acme GmbH", "Acme, Inc.").</summary>
    End,

    /// <summary>The last words before a trailing parenthesised group ("Silicon Saxony e.V. (SiSax)").</summary>
    BeforeGroup,

    /// <summary>The first words ("АД Кластер", "UAB Acme").</summary>
    Start,
}

/// <summary>A legal form found in a name: its words [<see cref="FirstWord"/>, +<see cref="WordCount"/>) of the key.</summary>
/// <param name="GroupStart">For <see cref="LegalFormPosition.BeforeGroup"/>: index of the group's "(" in the display name.</param>
internal readonly record struct LegalFormMatch(
    LegalForm? Form, LegalFormPosition Position, int FirstWord, int WordCount, int GroupStart);

/// <summary>
/// Finds the legal form of a name as a run of whole words at its end, before a trailing
/// parenthesised acronym, or at its start. Longest match first; forms of the name's country win,
/// other countries' abbreviations are a fallback; a name is never reduced to nothing.
/// </summary>
internal sealed class LegalFormRecogniser
{
    private readonly LegalFormCatalog _catalog;
    private readonly FoldedWordSet _stopWords;

    public LegalFormRecogniser(LegalFormCatalog catalog, FoldedWordSet stopWords)
    {
        _catalog = catalog;
        _stopWords = stopWords;
    }

    /// <param name="display">The cleaned name the key was folded from.</param>
    /// <param name="key">The folded name.</param>
    /// <param name="words">The key's words with their spans in <paramref name="display"/>.</param>
    /// <param name="country">Normalised ISO alpha-2 code, or null when unknown.</param>
    public LegalFormMatch Find(ReadOnlySpan<char> display, ReadOnlySpan<char> key, ReadOnlySpan<KeyToken> words, string? country)
    {
        if (words.Length < 2)
        {
            return default;
        }

        if (TryEnd(display, key, words, words.Length, country, out var form, out var first))
        {
            return new LegalFormMatch(form, LegalFormPosition.End, first, words.Length - first, -1);
        }

        var group = TrailingGroup(display, words, out var open);
        if (group > 0 && TryEnd(display, key, words, group, country, out form, out first))
        {
            return new LegalFormMatch(form, LegalFormPosition.BeforeGroup, first, group - first, open);
        }

        if (TryStart(display, key, words, country, out form, out var count))
        {
            return new LegalFormMatch(form, LegalFormPosition.Start, 0, count, -1);
        }

        return default;
    }

    private bool TryEnd(
        ReadOnlySpan<char> display, ReadOnlySpan<char> key, ReadOnlySpan<KeyToken> words, int limit, string? country,
        out LegalForm? form, out int first)
    {
        form = null;
        first = 0;
        var last = words[limit - 1];
        if (!_catalog.CanEndWith(key[last.KeyStart..last.KeyEnd]))
        {
            return false;
        }

        for (var n = Math.Min(_catalog.MaxWords, limit - 1); n >= 1; n--)
        {
            var start = limit - n;
            if (!_catalog.TryFind(key[words[start].KeyStart..last.KeyEnd], out var candidates)
                || !HasIdentity(key, words[..start]))
            {
                continue;
            }

            var written = Written(display, words[start], last);
            if (country is not null && candidates.For(country) is { } local)
            {
                form = local.For(LegalFormCatalog.IsNonLatin(written));
                first = start;
                return true;
            }

            if (form is null && ForeignAccepted(candidates.Foreign, country, written))
            {
                form = candidates.Foreign.For(LegalFormCatalog.IsNonLatin(written));
                first = start;
            }
        }

        return form is not null;
    }

    private bool TryStart(
        ReadOnlySpan<char> display, ReadOnlySpan<char> key, ReadOnlySpan<KeyToken> words, string? country,
        out LegalForm? form, out int count)
    {
        form = null;
        count = 0;
        if (country is not null && !LegalFormCatalog.LeadingFormCountries.Contains(country)
            || !_catalog.CanStartWith(key[words[0].KeyStart..words[0].KeyEnd]))
        {
            return false;
        }

        for (var n = Math.Min(_catalog.MaxWords, words.Length - 1); n >= 1; n--)
        {
            if (!_catalog.TryFind(key[words[0].KeyStart..words[n - 1].KeyEnd], out var candidates)
                || !HasIdentity(key, words[n..]))
            {
                continue;
            }

            var resolved = country is null ? candidates.Foreign : candidates.For(country);
            if (resolved is not null && MayLead(resolved, n, country))
            {
                form = resolved.For(LegalFormCatalog.IsNonLatin(Written(display, words[0], words[n - 1])));
                count = n;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A lone full word ("Corporation", "Kooperatsia") does not lead a name; abbreviations and phrases
    /// do. With no country, only abbreviations of countries where forms lead are taken.
    /// </summary>
    private static bool MayLead(ResolvedLegalForm form, int words, string? country) =>
        country is not null
            ? form.AbbreviationLike || words >= 2
            : form.CanLead && form.AbbreviationLike && form.Letters >= 2;

    /// <summary>
    /// Another country's form is taken only if it is an abbreviation and, when the name's country is
    /// known, has three letters or is written with dots or a slash ("e.V.", "A/S"): short bare words
    /// such as "AB" or "SE" are too often part of a name.
    /// </summary>
    private static bool ForeignAccepted(ResolvedLegalForm foreign, string? country, ReadOnlySpan<char> written) =>
        foreign.AbbreviationLike
        && (country is null
            ? foreign.Letters >= 2
            : foreign.Letters >= 3 || written.IndexOfAny('.', '/') >= 0);

    /// <summary>Whether the remaining words hold more than stop words.</summary>
    private bool HasIdentity(ReadOnlySpan<char> key, ReadOnlySpan<KeyToken> remaining)
    {
        foreach (var word in remaining)
        {
            if (!_stopWords.Contains(key[word.KeyStart..word.KeyEnd]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The form as written, with the character after it (a closing dot: "Inc.").</summary>
    private static ReadOnlySpan<char> Written(ReadOnlySpan<char> display, KeyToken first, KeyToken last) =>
        display[first.SourceStart..Math.Min(display.Length, last.SourceEnd + 1)];

    /// <summary>The first word inside a trailing "( … )" of one to three words, or -1.</summary>
    private static int TrailingGroup(ReadOnlySpan<char> display, ReadOnlySpan<KeyToken> words, out int open)
    {
        var text = display.TrimEnd();
        open = text.Length > 0 && text[^1] == ')' ? text.LastIndexOf('(') : -1;
        if (open < 0)
        {
            return -1;
        }

        var group = words.Length;
        while (group > 0 && words[group - 1].SourceStart > open)
        {
            group--;
        }

        var size = words.Length - group;
        return size is >= 1 and <= 3 && group >= 2 ? group : -1;
    }
}
