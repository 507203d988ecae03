namespace ClusterSync.Synthetic.Generation;

/// <summary>Acronyms as organisations form them: initials of the content words, or an unrelated brand.</summary>
internal static class Acronyms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "and", "for", "the", "in", "&", "-", "–", "de", "du", "des", "la", "le", "les", "et", "en", "y", "del",
        "e", "di", "della", "da", "do", "dos", "das", "und", "der", "die", "für", "van", "het", "i", "a", "o", "za",
        "και", "της", "του", "των", "и",
    };

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" -/(),");

    private static readonly string[] BrandSyllables =
        ["AB", "AC", "AD", "AL", "AM", "AN", "AR", "AS", "AT", "BI", "BO", "CA", "CE", "CO", "DA", "DE", "DI", "EL", "EM",
         "EN", "ER", "EU", "EX", "FI", "GE", "IN", "IR", "IS", "IT", "KA", "LA", "LE", "LI", "LO", "MA", "ME", "MI",
         "MO", "NA", "NE", "NO", "OP", "OR", "PA", "PE", "PO", "RA", "RE", "RI", "RO", "SA", "SE", "SI", "SO", "TA",
         "TE", "TI", "TO", "TRA", "UN", "VA", "VE", "VI", "VO", "ZE"];

    /// <summary>Initials of the content words (an all-capitals word is kept whole); null when fewer than two letters.</summary>
    public static string? Derive(string name)
    {
        var stopWords = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> initials = stackalloc char[12];
        var length = 0;
        var rest = name.AsSpan();
        while (rest.Length > 0 && length < 8)
        {
            var end = rest.IndexOfAny(Separators);
            var word = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (word.IsEmpty || stopWords.Contains(word) || word[^1] == '.' || !char.IsLetter(word[0]))
            {
                continue;
            }

            if (word.Length is >= 2 and <= 4 && IsUpper(word))
            {
                word.CopyTo(initials[length..]);
                length += word.Length;
            }
            else
            {
                initials[length++] = char.ToUpperInvariant(word[0]);
            }
        }

        return length >= 2 ? new string(initials[..Math.Min(length, 8)]) : null;
    }

    /// <summary>A pronounceable brand acronym with no relation to the name (<c>AMIRA</c>, <c>TEVO</c>).</summary>
    public static string Brand(ref SeededRandom random)
    {
        var brand = string.Concat(random.Pick(BrandSyllables), random.Pick(BrandSyllables));
        return random.Chance(0.4) ? brand + random.Letter() : brand;
    }

    private static bool IsUpper(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
