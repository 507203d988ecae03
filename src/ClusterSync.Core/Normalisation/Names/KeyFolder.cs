using System.Buffers;
using System.Text;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>
/// Folds text to a matching key: non-Latin scripts transliterated, lower-case ASCII letters and
/// digits, diacritics dropped, apostrophes and dots inside words removed, any other punctuation or
/// symbol a word break, words separated by single spaces.
/// </summary>
internal static class KeyFolder
{
    private const int StackLimit = 256;

    /// <summary>The matching key of <paramref name="text"/>; <paramref name="country"/> selects Cyrillic rules.</summary>
    public static string Fold(string text, string? country)
    {
        if (Ascii.IsValid(text))
        {
            return FoldAscii(text);
        }

        if (!NormalisationCheck.IsStableKC(text) && !text.IsNormalized(NormalizationForm.FormC))
        {
            // Context rules (Ukrainian й, Greek accents) need composed letters.
            text = text.Normalize(NormalizationForm.FormC);
        }

        Span<char> chars = stackalloc char[KeyWriter.StackChars];
        Span<KeyToken> tokens = stackalloc KeyToken[KeyWriter.StackWords];
        var writer = new KeyWriter(chars, tokens);
        try
        {
            FoldInto(text, country, ref writer);
            return writer.Key.SequenceEqual(text) ? text : new string(writer.Key);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Folds composed (NFC) text into <paramref name="writer"/>, recording each word's source span.</summary>
    public static void FoldInto(ReadOnlySpan<char> text, string? country, ref KeyWriter writer)
    {
        CyrillicScheme? scheme = null;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c < 0x80)
            {
                var cls = FoldedCharacters.AsciiClass(c);
                if (cls == FoldedCharacters.AsciiBreak)
                {
                    writer.Break();
                }
                else if (cls != FoldedCharacters.AsciiSkip)
                {
                    writer.Append((char)cls, i, i + 1);
                }

                i++;
            }
            else if (CyrillicTransliteration.Handles(c))
            {
                scheme ??= CyrillicTransliteration.SchemeFor(country, text);
                i += CyrillicTransliteration.Write(text, i, scheme.Value, ref writer);
            }
            else if (GreekTransliteration.Handles(c))
            {
                i += GreekTransliteration.Write(text, i, ref writer);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                writer.Append(FoldedCharacters.Compute(text.Slice(i, 2).ToString()), i, i + 2);
                i += 2;
            }
            else
            {
                writer.Append(FoldedCharacters.Get(c), i, i + 1);
                i++;
            }
        }

        writer.Break();
    }

    private static string FoldAscii(string text)
    {
        char[]? rented = null;
        var buffer = text.Length <= StackLimit
            ? stackalloc char[text.Length]
            : rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            foreach (var c in text)
            {
                var cls = FoldedCharacters.AsciiClass(c);
                if (cls == FoldedCharacters.AsciiBreak)
                {
                    pendingSpace = length > 0;
                }
                else if (cls != FoldedCharacters.AsciiSkip)
                {
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    buffer[length++] = (char)cls;
                }
            }

            var key = buffer[..length];
            return key.SequenceEqual(text) ? text : new string(key);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
