using System.Globalization;
using System.Text;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>
/// The folded form of single characters outside the scripts with their own rules: a string of
/// lower-case ASCII letters and digits, where a space is a word break and "" contributes nothing.
/// Computed once per character (compatibility decomposition, diacritics dropped, AnyAscii for
/// other scripts) and cached.
/// </summary>
internal static class FoldedCharacters
{
    /// <summary>ASCII class: a word break.</summary>
    public const byte AsciiBreak = 0;

    /// <summary>ASCII class: removed without a break (apostrophes and dots inside words).</summary>
    public const byte AsciiSkip = 1;

    private const string Break = " ";

    private static readonly byte[] AsciiClasses = BuildAsciiClasses();
    private static readonly string?[]?[] Pages = new string?[]?[256];

    /// <summary>For an ASCII character: its folded letter or digit, <see cref="AsciiSkip"/> or <see cref="AsciiBreak"/>.</summary>
    public static byte AsciiClass(char c) => AsciiClasses[c];

    /// <summary>The folded form of a BMP character that is not a surrogate.</summary>
    public static string Get(char c)
    {
        var page = Pages[c >> 8] ?? CreatePage(c >> 8);
        return page[c & 0xFF] ??= Compute(c.ToString());
    }

    /// <summary>The folded form of one character given as a string (one UTF-16 unit or a surrogate pair).</summary>
    public static string Compute(string character)
    {
        if (character.Length == 1 && (IsJoiner(character[0]) || char.IsSurrogate(character[0])))
        {
            return char.IsSurrogate(character[0]) ? Break : "";
        }

        var decomposed = character.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(4);
        for (var i = 0; i < decomposed.Length;)
        {
            Rune.DecodeFromUtf16(decomposed.AsSpan(i), out var rune, out var used);
            i += used;
            AppendRune(rune, folded);
        }

        return folded.Length switch
        {
            0 => "",
            1 when folded[0] == ' ' => Break,
            _ => folded.ToString(),
        };
    }

    /// <summary>Apostrophes and dots: removed inside words without a space ("e.V." → "ev").</summary>
    public static bool IsJoiner(char c) => c is '\'' or '.' or '`'
        or '\u2019' or '\u2018' or '\u201B' or '\u02BC' or '\u02BB' or '\u02B9' or '\u02BA'
        or '\u00B4' or '\u2032' or '\u00B7' or '\u2024' or '\uFF0E' or '\uFF07';

    private static void AppendRune(Rune rune, StringBuilder folded)
    {
        if (rune.IsAscii)
        {
            var cls = AsciiClasses[rune.Value];
            if (cls == AsciiBreak)
            {
                folded.Append(' ');
            }
            else if (cls != AsciiSkip)
            {
                folded.Append((char)cls);
            }

            return;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                return;
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber:
                AppendLetter(Rune.ToLowerInvariant(rune), folded);
                return;
            default:
                if (!(rune.IsBmp && IsJoiner((char)rune.Value)))
                {
                    folded.Append(' ');
                }

                return;
        }
    }

    private static void AppendLetter(Rune lower, StringBuilder folded)
    {
        if (lower.IsBmp)
        {
            var c = (char)lower.Value;
            if (IsJoiner(c))
            {
                return;
            }

            var special = LatinSpecial(c) ?? GreekTransliteration.Single(c) ?? CyrillicTransliteration.Common(c);
            if (special is not null)
            {
                folded.Append(special);
                return;
            }
        }

        foreach (var b in AnyAscii.Transliteration.Transliterate(lower))
        {
            var cls = AsciiClasses[b];
            if (cls == AsciiBreak)
            {
                folded.Append(' ');
            }
            else if (cls != AsciiSkip)
            {
                folded.Append((char)cls);
            }
        }
    }

    /// <summary>Latin letters that do not decompose, folded as the task of matching needs (đ → dj).</summary>
    private static string? LatinSpecial(char lower) => lower switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "dj",
        'þ' => "th",
        'ð' => "d",
        'ı' => "i",
        _ => null,
    };

    private static string?[] CreatePage(int index)
    {
        Interlocked.CompareExchange(ref Pages[index], new string?[256], null);
        return Pages[index]!;
    }

    private static byte[] BuildAsciiClasses()
    {
        var classes = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            classes[c] = c switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => (byte)c,
                >= 'A' and <= 'Z' => (byte)(c + 32),
                '\'' or '.' or '`' => AsciiSkip,
                _ => AsciiBreak,
            };
        }

        return classes;
    }
}
