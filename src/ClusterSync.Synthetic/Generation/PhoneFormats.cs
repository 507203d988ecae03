using System.Text;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>
/// Telephone numbers: a national significant number (area code seeded by the city, so neighbours share
/// it) written in one of several national or international formats.
/// </summary>
internal static class PhoneFormats
{
    public const int FormatCount = 5;

    public static string NewNumber(CountryProfile country, string areaCode, ref SeededRandom random)
    {
        Span<char> digits = stackalloc char[areaCode.Length + country.SubscriberDigits];
        areaCode.CopyTo(digits);
        for (var i = areaCode.Length; i < digits.Length; i++)
        {
            digits[i] = i == areaCode.Length ? (char)('2' + random.Next(8)) : random.Digit();
        }

        return new string(digits);
    }

    public static string AreaCode(CountryProfile country, ulong seed, City city)
    {
        var random = SeededRandom.For(seed, city.Index, 7001);
        var builder = new StringBuilder(country.AreaDigits);
        for (var i = 0; i < country.AreaDigits; i++)
        {
            builder.Append(i == 0 ? (char)('2' + random.Next(8)) : random.Digit());
        }

        return builder.ToString();
    }

    /// <summary>0 national, 1 international, 2 E.164, 3 national without separators, 4 national with dashes or dots.</summary>
    public static string Format(CountryProfile country, string digits, int format) => format switch
    {
        1 => "+" + country.CallingCode + " " + Fill(country.PhoneInternational, digits),
        2 => "+" + country.CallingCode + Strip(Fill(country.PhoneInternational, digits)),
        3 => Strip(Fill(country.PhoneNational, digits)),
        4 => Fill(country.PhoneNational, digits).Replace(' ', country.Code is "FR" or "BE" or "CH" ? '.' : '-'),
        _ => Fill(country.PhoneNational, digits),
    };

    private static string Fill(string pattern, string digits) =>
        string.Create(pattern.Length, (pattern, digits), static (span, state) =>
        {
            var next = 0;
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.pattern[i];
                span[i] = c == '#' && next < state.digits.Length ? state.digits[next++] : c;
            }
        });

    private static string Strip(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
