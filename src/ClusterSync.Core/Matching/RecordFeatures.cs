using System.Globalization;
using ClusterSync.Core.Normalisation.Names;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>The comparable form of one record, with every value interned by <see cref="FeatureTable"/>.</summary>
internal sealed class RecordFeatures
{
    public required SourceRecordKey Key { get; init; }
    public required string NameKey { get; init; }

    /// <summary>Name token ids, sorted ascending.</summary>
    public required int[] Tokens { get; init; }

    public required int[][] AltTokens { get; init; }

    /// <summary>IDF weight of each of <see cref="Tokens"/> (same order), set once frequencies are known.</summary>
    public float[] TokenWeights { get; set; } = [];

    public float[][] AltWeights { get; set; } = [];

    /// <summary>Token ids of the record's locality and region, sorted (a name's place words).</summary>
    public required int[] PlaceTokens { get; init; }

    public int AcronymId { get; init; } = -1;
    public required string[] AltKeys { get; init; }
    public int NameId { get; init; } = -1;
    public string? Acronym { get; init; }
    public required string Initials { get; init; }
    public int Country { get; init; } = -1;
    public int Region { get; init; } = -1;
    public int City { get; init; } = -1;
    public string? CityKey { get; init; }
    public int Postal { get; init; } = -1;
    public int PostalPrefix { get; init; } = -1;
    public string? StreetKey { get; init; }
    public int Domain { get; init; } = -1;

    /// <summary>First path segment of the website, when it has one (a site hosted under another's domain).</summary>
    public string? SitePath { get; init; }
    public int EmailDomain { get; init; } = -1;
    public int Phone { get; init; } = -1;
    public float Latitude { get; init; } = float.NaN;
    public float Longitude { get; init; } = float.NaN;
    public required (int Code, float Weight)[] Sectors { get; init; }
    public int Founded { get; init; }

    /// <summary>The country is the source's default, not stated (see <see cref="MatchInput.CountryAssumed"/>).</summary>
    public bool CountryAssumed { get; init; }

    public bool HasCoordinates => !float.IsNaN(Latitude);

    /// <summary>
    /// The record's full name and country are shared by more records than a block may hold: its identical
    /// names are linked by the exact-key union (see <see cref="MatchingEngine"/>) rather than compared pairwise.
    /// </summary>
    public bool FrequentName { get; set; }
}

/// <summary>Strings extracted from a <see cref="MatchInput"/> before interning (pure; runs in parallel).</summary>
internal sealed record FeatureDraft(
    SourceRecordKey Key,
    string NameKey,
    string[] NameTokens,
    string[] AltKeys,
    string? Acronym,
    string Initials,
    string? Country,
    string? Region,
    string? CityKey,
    string[] PlaceTokens,
    string? Postal,
    string? StreetKey,
    string? Domain,
    string? SitePath,
    string? EmailDomain,
    string? Phone,
    float Latitude,
    float Longitude,
    (string Code, float Weight)[] Sectors,
    int Founded,
    bool CountryAssumed)
{
    private static readonly char[] Space = [' '];

    public static FeatureDraft From(MatchInput input)
    {
        var country = NormaliseCountry(input.Country);
        var name = input.NameAnalysis ?? NameAnalyser.Default.Analyse(input.Name, country);
        var nameKey = name.MatchingKey.Length > 0 ? name.MatchingKey : NameAnalyser.Fold(input.Name);
        var alternates = new List<string>();
        foreach (var alternate in input.AlternateNames)
        {
            var key = NameAnalyser.Default.Analyse(alternate, country).MatchingKey;
            if (key.Length > 0 && key != nameKey && !alternates.Contains(key))
            {
                alternates.Add(key);
            }
        }

        var acronym = AcronymKey(input.Acronym) ?? (LooksLikeAcronym(input.Name) ? AcronymKey(input.Name) : null);
        var region = Blank(input.Region) ? null : NameAnalyser.Fold(input.Region!);
        var city = AddressKeys.Locality(input.Locality, out var written);
        return new FeatureDraft(
            input.Key,
            nameKey,
            ContentWords(nameKey),
            [.. alternates],
            acronym,
            name.Initials,
            country,
            region,
            city,
            PlaceWords(written, city, region),
            PostalKey(input.PostalCode),
            AddressKeys.Street(input.Street),
            Blank(input.WebsiteDomain) ? null : input.WebsiteDomain!.Trim().ToLowerInvariant(),
            Blank(input.WebsitePath) ? null : NameAnalyser.Fold(input.WebsitePath!),
            Blank(input.EmailDomain) ? null : input.EmailDomain!.Trim().ToLowerInvariant(),
            PhoneKey(input.Phone),
            ValidLatitude(input.Latitude, input.Longitude) ? (float)input.Latitude!.Value : float.NaN,
            ValidLatitude(input.Latitude, input.Longitude) ? (float)input.Longitude!.Value : float.NaN,
            [.. input.Sectors.Where(s => !Blank(s.Code)).Select(s => (s.Code.Trim(), (float)s.Weight))],
            input.YearFounded is >= 1000 and <= 3000 ? input.YearFounded.Value : 0,
            input.CountryAssumed);
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// The words of a matching key that carry meaning: stop words ("the", "of", "de", "und") are left out,
    /// unless nothing else is left. In a small directory "the" would otherwise be a rare, heavy word.
    /// </summary>
    internal static string[] ContentWords(string key)
    {
        var words = key.Split(Space, StringSplitOptions.RemoveEmptyEntries);
        var stopWords = Normalisation.Names.FoldedWordSet.StopWords;
        var kept = words.Count(w => !stopWords.Contains(w));
        if (kept == 0 || kept == words.Length)
        {
            return words;
        }

        return [.. words.Where(w => !stopWords.Contains(w))];
    }

    /// <summary>
    /// The words of the (already folded) locality, as written and as compared (<c>junction</c> and <c>jct</c>: a
    /// name names its place either way), and of the region.
    /// </summary>
    private static string[] PlaceWords(string? written, string? city, string? region)
    {
        if (city is null && region is null)
        {
            return [];
        }

        var words = new List<string>();
        foreach (var text in new[] { written, city, region })
        {
            if (text is not null)
            {
                foreach (var word in text.Split(Space, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!words.Contains(word))
                    {
                        words.Add(word);
                    }
                }
            }
        }

        return [.. words];
    }

    private static string? NormaliseCountry(string? country) =>
        country is { Length: 2 } c && char.IsAsciiLetter(c[0]) && char.IsAsciiLetter(c[1]) ? c.ToUpperInvariant() : null;

    private static bool ValidLatitude(double? lat, double? lon) =>
        lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && !(lat == 0 && lon == 0);

    /// <summary>A single upper-case word of 2–8 letters, like "BAC" or "CLUSTERLAND"? Only short ones count.</summary>
    private static bool LooksLikeAcronym(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is < 3 or > 8 || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in trimmed)
        {
            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? AcronymKey(string? acronym)
    {
        if (Blank(acronym))
        {
            return null;
        }

        // Two letters are too common to say anything (NV, AC, ...).
        var folded = NameAnalyser.Fold(acronym!).Replace(" ", "", StringComparison.Ordinal);
        return folded.Length >= 3 ? folded : null;
    }

    private static string? PostalKey(string? postal)
    {
        if (Blank(postal))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Math.Min(postal!.Length, 32)];
        var n = 0;
        foreach (var c in postal)
        {
            if (char.IsAsciiLetterOrDigit(c) && n < buffer.Length)
            {
                buffer[n++] = char.ToUpperInvariant(c);
            }
        }

        return n == 0 ? null : new string(buffer[..n]);
    }

    private static string? PhoneKey(string? phone)
    {
        if (Blank(phone))
        {
            return null;
        }

        Span<char> digits = stackalloc char[Math.Min(phone!.Length, 40)];
        var n = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c) && n < digits.Length)
            {
                digits[n++] = c;
            }
        }

        // National and international spellings of one number share their last nine digits.
        return n < 6 ? null : new string(digits[Math.Max(0, n - 9)..n]);
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
