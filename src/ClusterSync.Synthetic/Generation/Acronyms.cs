using System.Text;

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

    private static readonly string[] BrandSyllables =
        ["AB", "AC", "AD", "AL", "AM", "AN", "AR", "AS", "AT", "BI", "BO", "CA", "CE", "CO", "DA", "DE", "DI", "EL", "EM",
         "EN", "ER", "EU", "EX", "FI", "GE", "IN", "IR", "IS", "IT", "KA", "LA", "LE", "LI", "LO", "MA", "ME", "MI",
         "MO", "NA", "NE", "NO", "OP", "OR", "PA", "PE", "PO", "RA", "RE", "RI", "RO", "SA", "SE", "SI", "SO", "TA",
         "TE", "TI", "TO", "TRA", "UN", "VA", "VE", "VI", "VO", "ZE"];

    /// <summary>Initials of the content words (an all-capitals word is kept whole); null when fewer than two letters.</summary>
    public static string? Derive(string name)
    {
        var builder = new StringBuilder(8);
        foreach (var word in name.Split([' ', '-', '/', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (StopWords.Contains(word) || word.EndsWith('.') || !char.IsLetter(word[0]))
            {
                continue;
            }

            if (word.Length is >= 2 and <= 4 && IsUpper(word))
            {
                builder.Append(word);
            }
            else
            {
                builder.Append(char.ToUpperInvariant(word[0]));
            }

            if (builder.Length >= 8)
            {
                break;
            }
        }

        return builder.Length >= 2 ? builder.ToString() : null;
    }

    /// <summary>A pronounceable brand acronym with no relation to the name (<c>AMIRA</c>, <c>TEVO</c>).</summary>
    public static string Brand(ref SeededRandom random)
    {
        var brand = string.Concat(random.Pick(BrandSyllables), random.Pick(BrandSyllables));
        return random.Chance(0.4) ? brand + random.Letter() : brand;
    }

    private static bool IsUpper(string word)
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
