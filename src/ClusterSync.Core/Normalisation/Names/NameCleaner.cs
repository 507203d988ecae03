using System.Buffers;
using System.Globalization;
using System.Text;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Makes the display form of a name: NFKC, control and format characters removed, whitespace collapsed.</summary>
internal static class NameCleaner
{
    private const int StackLimit = 256;

    public static string Clean(string text)
    {
        if (!Ascii.IsValid(text) && !NormalisationCheck.IsStableKC(text) && !text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        return IsClean(text) ? text : Collapse(text);
    }

    private static bool IsClean(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' ? text[i - 1] == ' ' : c < ' ' || c >= 0x7F && IsRemovedOrSpace(text, i))
            {
                return false;
            }
        }

        return true;
    }

    private static string Collapse(string text)
    {
        char[]? rented = null;
        var buffer = text.Length <= StackLimit
            ? stackalloc char[text.Length]
            : rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = length > 0;
                }
                else if (!IsRemovedOrSpace(text, i))
                {
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    buffer[length++] = c;
                    if (pair)
                    {
                        buffer[length++] = text[i + 1];
                    }
                }

                if (pair)
                {
                    i++;
                }
            }

            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whitespace, control or format character (a surrogate pair is judged as one character).</summary>
    private static bool IsRemovedOrSpace(string text, int i)
    {
        var c = text[i];
        if (char.IsWhiteSpace(c))
        {
            return true;
        }

        if (char.IsSurrogate(c))
        {
            return Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out _) == OperationStatus.Done
                && Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.Control
            or UnicodeCategory.Format;
    }
}
