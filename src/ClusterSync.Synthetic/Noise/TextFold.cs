using System.Globalization;
using System.Text;

namespace ClusterSync.Synthetic.Noise;

/// <summary>
/// Diacritic folding by table: each character below U+2000 maps to its base letters, computed once from
/// Unicode decomposition, so folding a name costs a lookup per character instead of a normalisation.
/// </summary>
internal static class TextFold
{
    private const int TableSize = 0x2000;
    private static readonly string?[] Table = Build();

    /// <summary>The base letters of <paramref name="c"/>, or null when it has no diacritic to drop.</summary>
    public static string? Map(char c) => c < TableSize ? Table[c] : null;

    public static string StripDiacritics(string text)
    {
        var first = 0;
        while (first < text.Length && Map(text[first]) is null)
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 4);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var mapped = Map(text[i]);
            if (mapped is null)
            {
                builder.Append(text[i]);
            }
            else
            {
                builder.Append(mapped);
            }
        }

        return builder.ToString();
    }

    private static string?[] Build()
    {
        var table = new string?[TableSize];
        for (var c = 0x80; c < TableSize; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                continue;
            }

            var folded = Special(ch) ?? Decompose(ch);
            table[c] = folded == ch.ToString() ? null : folded;
        }

        return table;
    }

    private static string? Special(char c) => c switch
    {
        'ß' => "ss",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ø' => "o",
        'Ø' => "O",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ı' => "i",
        'þ' => "th",
        'ð' => "d",
        _ => null,
    };

    private static string Decompose(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }

        return builder.Length == 0 ? c.ToString() : builder.ToString();
    }
}
