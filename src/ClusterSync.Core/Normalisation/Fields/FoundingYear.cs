using System.Globalization;

namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>The year an organisation was founded, read from text such as <c>1998</c>, <c>1998-01-01</c> or <c>est. 1998</c>.</summary>
public static class FoundingYear
{
    /// <summary>The earliest year accepted; anything before is taken for a typing error.</summary>
    public const int Earliest = 1800;

    /// <summary>
    /// The first four-digit number in <paramref name="text"/> (not part of a longer number) when it
    /// lies between <see cref="Earliest"/> and <paramref name="currentYear"/>; null otherwise.
    /// </summary>
    public static int? Parse(string? text, int currentYear)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (!char.IsAsciiDigit(span[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
            }

            if (i - start == 4)
            {
                var year = int.Parse(span[start..i], NumberStyles.None, CultureInfo.InvariantCulture);
                return year >= Earliest && year <= currentYear ? year : null;
            }
        }

        return null;
    }
}
