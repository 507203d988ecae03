using System.Globalization;
using System.Text;
using ClusterSync.Synthetic.Generation;

namespace ClusterSync.Synthetic.Noise;

/// <summary>Character-level noise: typing errors, case changes, lost diacritics.</summary>
internal static class TextNoise
{
    /// <summary>Removes diacritics (<c>é</c> → <c>e</c>, <c>ß</c> → <c>ss</c>, <c>ł</c> → <c>l</c>); Greek loses its accents.</summary>
    public static string StripDiacritics(string text) => TextFold.StripDiacritics(text);

    /// <summary>One edit at a random letter: insert (doubled letter), delete, substitute (a letter of the same text) or transpose.</summary>
    public static string Typo(string text, ref SeededRandom random)
    {
        if (text.Length < 3)
        {
            return text;
        }

        var position = random.Next(text.Length - 1);
        if (!char.IsLetter(text[position]))
        {
            position = text.Length / 2;
        }

        var chars = new StringBuilder(text);
        switch (random.Next(4))
        {
            case 0:
                chars.Insert(position, text[position]);
                break;
            case 1:
                chars.Remove(position, 1);
                break;
            case 2:
                var other = text[random.Next(text.Length)];
                chars[position] = char.IsLetter(other) && other != text[position] ? char.ToLowerInvariant(other) : 'e';
                break;
            default:
                (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                break;
        }

        return chars.ToString();
    }

    public static string ChangeCase(string text, ref SeededRandom random) => random.Next(3) switch
    {
        0 => text.ToUpperInvariant(),
        1 => text.ToLowerInvariant(),
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant()),
    };

    public static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007f')
            {
                return false;
            }
        }

        return true;
    }
}
