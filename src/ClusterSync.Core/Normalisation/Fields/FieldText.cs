using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>Free-text fields (street, locality, organisation type, ...) cleaned for storage.</summary>
public static class FieldText
{
    /// <summary>
    /// The text cleaned by <see cref="NameAnalyser.Clean"/>, or null when nothing is left. Text that
    /// is already clean (printable ASCII, single spaces, trimmed) is returned as it is, without
    /// the cost of Unicode normalisation.
    /// </summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IsTidyAscii(text))
        {
            return text;
        }

        var cleaned = NameAnalyser.Clean(text);
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Whether <paramref name="text"/> has any letter or digit.</summary>
    public static bool HasLetterOrDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTidyAscii(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        var previous = '\0';
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' || (c == ' ' && previous == ' '))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }
}
