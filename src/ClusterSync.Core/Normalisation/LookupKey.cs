using System.Globalization;
using System.Text;
using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Normalisation;

/// <summary>
/// The key under which names of places, ecosystems and labels are looked up: the text folded by
/// <see cref="NameAnalyser.Fold"/>, then stripped of any remaining diacritics, with every run of
/// characters that are neither letters nor digits turned into one space. ASCII text needs no folding
/// and is keyed directly.
/// </summary>
internal static class LookupKey
{
    public static string Of(string text)
    {
        if (Ascii.IsValid(text))
        {
            return Key(text);
        }

        var folded = NameAnalyser.Fold(text).Normalize(NormalizationForm.FormD);
        return Key(folded).Normalize(NormalizationForm.FormC);
    }

    private static string Key(string text)
    {
        var key = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && key.Length > 0)
                {
                    key.Append(' ');
                }

                key.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return key.ToString();
    }
}
