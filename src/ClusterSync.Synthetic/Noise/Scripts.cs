using System.Text;

namespace ClusterSync.Synthetic.Noise;

/// <summary>Transliteration between Serbian Cyrillic and Latin, and from Greek to Latin (ELOT 743, simplified).</summary>
internal static class Scripts
{
    private const string SerbianLatinSingles = "abvgdđežzijklmnoprstćufhcčšwxyq";
    private static readonly string[] SerbianCyrillicSingles =
        ["а", "б", "в", "г", "д", "ђ", "е", "ж", "з", "и", "ј", "к", "л", "м", "н", "о", "п", "р", "с", "т", "ћ", "у", "ф", "х", "ц", "ч", "ш", "в", "кс", "ј", "к"];

    private static readonly Dictionary<char, string> CyrillicToLatin = new()
    {
        ['а'] = "a",
        ['б'] = "b",
        ['в'] = "v",
        ['г'] = "g",
        ['д'] = "d",
        ['ђ'] = "đ",
        ['е'] = "e",
        ['ж'] = "ž",
        ['з'] = "z",
        ['и'] = "i",
        ['ј'] = "j",
        ['к'] = "k",
        ['л'] = "l",
        ['љ'] = "lj",
        ['м'] = "m",
        ['н'] = "n",
        ['њ'] = "nj",
        ['о'] = "o",
        ['п'] = "p",
        ['р'] = "r",
        ['с'] = "s",
        ['т'] = "t",
        ['ћ'] = "ć",
        ['у'] = "u",
        ['ф'] = "f",
        ['х'] = "h",
        ['ц'] = "c",
        ['ч'] = "č",
        ['џ'] = "dž",
        ['ш'] = "š",
    };

    private static readonly Dictionary<int, string> GreekPairs = new()
    {
        [Pair('ο', 'υ')] = "ou",
        [Pair('α', 'ι')] = "ai",
        [Pair('ε', 'ι')] = "ei",
        [Pair('ο', 'ι')] = "oi",
        [Pair('μ', 'π')] = "mp",
        [Pair('ν', 'τ')] = "nt",
        [Pair('γ', 'κ')] = "gk",
        [Pair('γ', 'γ')] = "ng",
        [Pair('α', 'υ')] = "av",
        [Pair('ε', 'υ')] = "ev",
    };

    private static readonly Dictionary<char, string> GreekSingles = new()
    {
        ['α'] = "a",
        ['β'] = "v",
        ['γ'] = "g",
        ['δ'] = "d",
        ['ε'] = "e",
        ['ζ'] = "z",
        ['η'] = "i",
        ['θ'] = "th",
        ['ι'] = "i",
        ['κ'] = "k",
        ['λ'] = "l",
        ['μ'] = "m",
        ['ν'] = "n",
        ['ξ'] = "x",
        ['ο'] = "o",
        ['π'] = "p",
        ['ρ'] = "r",
        ['σ'] = "s",
        ['ς'] = "s",
        ['τ'] = "t",
        ['υ'] = "y",
        ['φ'] = "f",
        ['χ'] = "ch",
        ['ψ'] = "ps",
        ['ω'] = "o",
        ['ϊ'] = "i",
        ['ϋ'] = "y",
        ['ΐ'] = "i",
        ['ΰ'] = "y",
    };

    public static string SerbianToCyrillic(string latin)
    {
        var builder = new StringBuilder(latin.Length);
        for (var i = 0; i < latin.Length; i++)
        {
            var c = latin[i];
            var lower = char.ToLowerInvariant(c);
            var next = i + 1 < latin.Length ? char.ToLowerInvariant(latin[i + 1]) : '\0';
            string? mapped = (lower, next) switch
            {
                ('l', 'j') => "љ",
                ('n', 'j') => "њ",
                ('d', 'ž') => "џ",
                _ => null,
            };
            if (mapped is not null)
            {
                i++;
            }
            else
            {
                var index = SerbianLatinSingles.IndexOf(lower, StringComparison.Ordinal);
                if (index < 0)
                {
                    builder.Append(c);
                    continue;
                }

                mapped = SerbianCyrillicSingles[index];
            }

            AppendCased(builder, mapped, char.IsUpper(c), wholeWordUpper: false);
        }

        return builder.ToString();
    }

    public static string SerbianToLatin(string cyrillic) => ToLatin(cyrillic, CyrillicToLatin, pairs: null);

    public static string GreekToLatin(string greek) =>
        ToLatin(greek.Normalize(NormalizationForm.FormC), GreekSingles, GreekPairs);

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    public static bool IsGreek(char c) => c is >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF';

    private static int Pair(char first, char second) => first << 16 | second;

    private static string ToLatin(string text, Dictionary<char, string> singles, Dictionary<int, string>? pairs)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = Unaccent(char.ToLowerInvariant(c));
            var upper = char.IsUpper(c);
            var nextUpper = i + 1 < text.Length && char.IsUpper(text[i + 1]);
            if (pairs is not null && i + 1 < text.Length
                && pairs.TryGetValue(Pair(lower, Unaccent(char.ToLowerInvariant(text[i + 1]))), out var pair))
            {
                AppendCased(builder, pair, upper, upper && nextUpper);
                i++;
            }
            else if (singles.TryGetValue(lower, out var single))
            {
                AppendCased(builder, single, upper, upper && nextUpper);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static char Unaccent(char c) => c switch
    {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' => 'ι',
        'ό' => 'ο',
        'ύ' => 'υ',
        'ώ' => 'ω',
        _ => c,
    };

    private static void AppendCased(StringBuilder builder, string text, bool upper, bool wholeWordUpper)
    {
        if (!upper)
        {
            builder.Append(text);
            return;
        }

        builder.Append(char.ToUpperInvariant(text[0]));
        for (var i = 1; i < text.Length; i++)
        {
            builder.Append(wholeWordUpper ? char.ToUpperInvariant(text[i]) : text[i]);
        }
    }
}
