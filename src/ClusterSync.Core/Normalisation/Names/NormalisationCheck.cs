using System.Globalization;
using System.Text;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>
/// A fast test that text is already in Unicode normalisation form KC (hence also C), answered per
/// character from a cache so that ICU is only asked about text that may need normalising.
/// </summary>
internal static class NormalisationCheck
{
    private const byte Stable = 1;
    private const byte Unstable = 2;

    private static readonly byte[]?[] Pages = new byte[]?[256];

    /// <summary>
    /// True when every character is unchanged by NFKC on its own and cannot compose with a
    /// neighbour (no combining marks or Hangul vowel/final jamo); false means "ask ICU".
    /// </summary>
    public static bool IsStableKC(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 && StateOf(c) != Stable)
            {
                return false;
            }
        }

        return true;
    }

    private static byte StateOf(char c)
    {
        var page = Pages[c >> 8];
        if (page is null)
        {
            Interlocked.CompareExchange(ref Pages[c >> 8], new byte[256], null);
            page = Pages[c >> 8]!;
        }

        var state = page[c & 0xFF];
        if (state == 0)
        {
            state = Compute(c) ? Stable : Unstable;
            page[c & 0xFF] = state;
        }

        return state;
    }

    private static bool Compute(char c)
    {
        if (char.IsSurrogate(c) || c is >= '\u1100' and <= '\u11FF' or >= '\uA960' and <= '\uA97F' or >= '\uD7B0' and <= '\uD7FF')
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            && c.ToString().IsNormalized(NormalizationForm.FormKC);
    }
}
