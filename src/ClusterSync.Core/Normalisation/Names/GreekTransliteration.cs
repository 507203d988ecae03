using System.Text;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>
/// Folds Greek text by ELOT 743 (ISO 843 type 1): αυ/ευ/ηυ → av/ev/iv before vowels and voiced
/// consonants and af/ef/if otherwise, ου → ou, γγ → ng, γξ → nx, γχ → nch, μπ → b at the start or
/// end of a word, θ th, χ ch, ψ ps. Accents and diaeresis are dropped, but a diaeresis on υ (or an
/// accent on the vowel before it) keeps the two vowels apart.
/// </summary>
internal static class GreekTransliteration
{
    private static readonly string[] Letters =
    [
        "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
        "r", "s", "s", "t", "y", "f", "ch", "ps", "o",
    ];

    private static readonly GreekLetter[] Polytonic = BuildPolytonic();

    /// <summary>Whether this folder handles <paramref name="c"/>.</summary>
    public static bool Handles(char c) => c is >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF';

    /// <summary>The context-free folding of one Greek letter, or null for other characters.</summary>
    public static string? Single(char c)
    {
        if (!Handles(c))
        {
            return null;
        }

        var letter = Describe(c);
        return letter.Base == '\0' ? null : Letters[letter.Base - 'α'];
    }

    /// <summary>Writes the letter at <paramref name="i"/>; returns the number of source characters used.</summary>
    public static int Write(ReadOnlySpan<char> text, int i, ref KeyWriter writer)
    {
        var current = Describe(text[i]);
        if (current.Base == '\0')
        {
            writer.Append(FoldedCharacters.Get(text[i]), i, i + 1);
            return 1;
        }

        var next = At(text, i + 1);
        switch (current.Base)
        {
            case 'α' or 'ε' or 'η' when next.Base == 'υ' && !next.Diaeresis && !current.Accent:
                writer.Append(current.Base == 'α' ? 'a' : current.Base == 'ε' ? 'e' : 'i', i, i + 1);
                writer.Append(IsVoiced(At(text, i + 2).Base) ? 'v' : 'f', i + 1, i + 2);
                return 2;
            case 'ο' when next.Base == 'υ' && !next.Diaeresis && !current.Accent:
                writer.Append("ou", i, i + 2);
                return 2;
            case 'γ' when next.Base is 'γ' or 'ξ' or 'χ':
                writer.Append('n', i, i + 1);
                writer.Append(Letters[next.Base - 'α'], i + 1, i + 2);
                return 2;
            case 'μ' when next.Base == 'π' && (!IsLetter(text, i - 1) || !IsLetter(text, i + 2)):
                writer.Append('b', i, i + 2);
                return 2;
            default:
                writer.Append(Letters[current.Base - 'α'], i, i + 1);
                return 1;
        }
    }

    private static bool IsVoiced(char baseLetter) =>
        baseLetter is 'α' or 'ε' or 'η' or 'ι' or 'ο' or 'υ' or 'ω' or 'β' or 'γ' or 'δ' or 'ζ' or 'λ' or 'μ' or 'ν' or 'ρ';

    private static bool IsLetter(ReadOnlySpan<char> text, int i) =>
        i >= 0 && i < text.Length && char.IsLetter(text[i]);

    private static GreekLetter At(ReadOnlySpan<char> text, int i) =>
        i >= 0 && i < text.Length && Handles(text[i]) ? Describe(text[i]) : default;

    /// <summary>The lower-case base letter (α..ω, ς as σ) of a Greek character, with its marks.</summary>
    private static GreekLetter Describe(char c)
    {
        if (c >= '\u1F00')
        {
            return Polytonic[c - '\u1F00'];
        }

        return c switch
        {
            >= 'α' and <= 'ω' => new GreekLetter(c == 'ς' ? 'σ' : c, false, false),
            >= 'Α' and <= 'Ω' and not '\u03A2' => new GreekLetter((char)(c + 32), false, false),
            'ά' or 'Ά' => new GreekLetter('α', true, false),
            'έ' or 'Έ' => new GreekLetter('ε', true, false),
            'ή' or 'Ή' => new GreekLetter('η', true, false),
            'ί' or 'Ί' => new GreekLetter('ι', true, false),
            'ό' or 'Ό' => new GreekLetter('ο', true, false),
            'ύ' or 'Ύ' => new GreekLetter('υ', true, false),
            'ώ' or 'Ώ' => new GreekLetter('ω', true, false),
            'ϊ' or 'Ϊ' => new GreekLetter('ι', false, true),
            'ϋ' or 'Ϋ' => new GreekLetter('υ', false, true),
            'ΐ' => new GreekLetter('ι', true, true),
            'ΰ' => new GreekLetter('υ', true, true),
            'ϐ' => new GreekLetter('β', false, false),
            'ϑ' or 'ϴ' => new GreekLetter('θ', false, false),
            'ϒ' => new GreekLetter('υ', false, false),
            'ϕ' => new GreekLetter('φ', false, false),
            'ϖ' => new GreekLetter('π', false, false),
            'ϰ' => new GreekLetter('κ', false, false),
            'ϱ' => new GreekLetter('ρ', false, false),
            'ϲ' or 'Ϲ' => new GreekLetter('σ', false, false),
            _ => default,
        };
    }

    private static GreekLetter[] BuildPolytonic()
    {
        var letters = new GreekLetter[256];
        for (var i = 0; i < letters.Length; i++)
        {
            var decomposed = ((char)('\u1F00' + i)).ToString().Normalize(NormalizationForm.FormD);
            var baseLetter = char.ToLowerInvariant(decomposed[0]);
            if (baseLetter is < 'α' or > 'ω')
            {
                continue;
            }

            var accent = decomposed.AsSpan(1).IndexOfAny('\u0300', '\u0301', '\u0342') >= 0;
            var diaeresis = decomposed.AsSpan(1).Contains('\u0308');
            letters[i] = new GreekLetter(baseLetter == 'ς' ? 'σ' : baseLetter, accent, diaeresis);
        }

        return letters;
    }

    private readonly record struct GreekLetter(char Base, bool Accent, bool Diaeresis);
}
