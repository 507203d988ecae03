namespace ClusterSync.Core.Normalisation.Names;

/// <summary>The romanisation applied to Cyrillic text, chosen by country and by the letters used.</summary>
internal enum CyrillicScheme
{
    /// <summary>Russian-style common rules (ж zh, х kh, ц ts, щ shch, ю yu, я ya) for any other text.</summary>
    Common,

    /// <summary>Serbian (also Bosnian and Montenegrin): the Serbian Latin alphabet, so both scripts fold alike.</summary>
    Serbian,

    /// <summary>Macedonian official romanisation (ѓ gj, ќ kj, ѕ dz).</summary>
    Macedonian,

    /// <summary>Bulgarian Streamlined System (щ sht, ъ a, ю yu, я ya, х h).</summary>
    Bulgarian,

    /// <summary>Ukrainian national system of 2010 (г h, и y, є ie/ye, ю iu/yu, я ia/ya).</summary>
    Ukrainian,
}

/// <summary>
/// Folds Cyrillic letters to lower-case ASCII. The outputs are already folded: Serbian ž, č, ć, š, đ
/// appear as z, c, c, s, dj, exactly as Serbian Latin text folds.
/// </summary>
internal static class CyrillicTransliteration
{
    // Index: lower-case letter - U+0430, covering а..я (U+0430-U+044F) and ѐ..џ (U+0450-U+045F).
    private static readonly string[] CommonTable =
    [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
        "e", "e", "dj", "gj", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "kj", "i", "u", "dz",
    ];

    private static readonly string[] SerbianTable = Override(CommonTable, new Dictionary<char, string>
    {
        ['ж'] = "z",
        ['х'] = "h",
        ['ц'] = "c",
        ['ч'] = "c",
        ['ш'] = "s",
    });

    private static readonly string[] BulgarianTable = Override(CommonTable, new Dictionary<char, string>
    {
        ['х'] = "h",
        ['щ'] = "sht",
        ['ъ'] = "a",
        ['ь'] = "y",
    });

    private static readonly string[] UkrainianTable = Override(CommonTable, new Dictionary<char, string>
    {
        ['г'] = "h",
        ['и'] = "y",
        ['є'] = "ie",
        ['ї'] = "i",
        ['й'] = "i",
        ['ю'] = "iu",
        ['я'] = "ia",
    });

    /// <summary>Whether this folder handles <paramref name="c"/> (other Cyrillic goes to AnyAscii).</summary>
    public static bool Handles(char c) => c is >= '\u0400' and <= '\u045F' or '\u0490' or '\u0491';

    /// <summary>The common-rule folding of a lower-case Cyrillic letter, or null for other characters.</summary>
    public static string? Common(char lower) => lower switch
    {
        >= '\u0430' and <= '\u045F' => CommonTable[lower - '\u0430'],
        'ґ' => "g",
        _ => null,
    };

    /// <summary>The scheme for a text: by country (RS, BA, ME, MK, BG, UA), else by letters only one language uses.</summary>
    public static CyrillicScheme SchemeFor(string? country, ReadOnlySpan<char> text)
    {
        switch (country)
        {
            case "RS" or "BA" or "ME":
                return CyrillicScheme.Serbian;
            case "MK":
                return CyrillicScheme.Macedonian;
            case "BG":
                return CyrillicScheme.Bulgarian;
            case "UA":
                return CyrillicScheme.Ukrainian;
        }

        var scheme = CyrillicScheme.Common;
        foreach (var c in text)
        {
            switch (c)
            {
                case 'ѓ' or 'Ѓ' or 'ќ' or 'Ќ' or 'ѕ' or 'Ѕ':
                    return CyrillicScheme.Macedonian;
                case 'ђ' or 'Ђ' or 'ћ' or 'Ћ' or 'џ' or 'Џ' or 'љ' or 'Љ' or 'њ' or 'Њ' or 'ј' or 'Ј':
                    scheme = CyrillicScheme.Serbian;
                    break;
                case 'є' or 'Є' or 'ї' or 'Ї' or 'ґ' or 'Ґ' when scheme == CyrillicScheme.Common:
                    scheme = CyrillicScheme.Ukrainian;
                    break;
            }
        }

        return scheme;
    }

    /// <summary>Writes the letter at <paramref name="i"/>; returns the number of source characters used.</summary>
    public static int Write(ReadOnlySpan<char> text, int i, CyrillicScheme scheme, ref KeyWriter writer)
    {
        var lower = char.ToLowerInvariant(text[i]);
        writer.Append(Fold(text, i, lower, scheme), i, i + 1);
        return 1;
    }

    private static string Fold(ReadOnlySpan<char> text, int i, char lower, CyrillicScheme scheme)
    {
        if (lower == 'ґ')
        {
            return "g";
        }

        switch (scheme)
        {
            case CyrillicScheme.Serbian or CyrillicScheme.Macedonian:
                return SerbianTable[lower - '\u0430'];
            case CyrillicScheme.Bulgarian:
                // Streamlined System: final "ия" is "ia" (България → Bulgaria).
                return lower == 'я' && i > 0 && char.ToLowerInvariant(text[i - 1]) == 'и' && !IsWordChar(text, i + 1)
                    ? "a"
                    : BulgarianTable[lower - '\u0430'];
            case CyrillicScheme.Ukrainian:
                return FoldUkrainian(text, i, lower);
            default:
                return CommonTable[lower - '\u0430'];
        }
    }

    private static string FoldUkrainian(ReadOnlySpan<char> text, int i, char lower)
    {
        var wordStart = !IsWordChar(text, i - 1);
        return lower switch
        {
            'є' when wordStart => "ye",
            'ї' when wordStart => "yi",
            'й' when wordStart => "y",
            'ю' when wordStart => "yu",
            'я' when wordStart => "ya",
            'г' when i > 0 && char.ToLowerInvariant(text[i - 1]) == 'з' => "gh",
            _ => UkrainianTable[lower - '\u0430'],
        };
    }

    private static bool IsWordChar(ReadOnlySpan<char> text, int i) =>
        i >= 0 && i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '\u2019' or '\u02BC');

    private static string[] Override(string[] table, Dictionary<char, string> changes)
    {
        var copy = (string[])table.Clone();
        foreach (var (letter, folded) in changes)
        {
            copy[letter - '\u0430'] = folded;
        }

        return copy;
    }
}
