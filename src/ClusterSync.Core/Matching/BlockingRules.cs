namespace ClusterSync.Core.Matching;

/// <summary>
/// The blocking rules, unioned: two records become a candidate pair when any rule gives them the same key.
/// Each rule is selective enough that blocks stay small; blocks over the size cap are not expanded.
/// </summary>
internal static class BlockingRules
{
    public static readonly string[] Names =
    [
        "web or e-mail domain", "rare name token", "two rarest name tokens", "three rarest name tokens", "acronym + country",
        "geographic cell + name prefix", "phone", "exact name + country", "postal code + name prefix", "locality + name prefix",
        "name token prefixes + country", "street number and name + postal code or locality",
    ];

    private const int Domain = 0, RareToken = 1, TokenPair = 2, TokenTriple = 3, AcronymCountry = 4, GeoCell = 5,
        Phone = 6, ExactName = 7, PostalPrefix = 8, CityPrefix = 9, PrefixCountry = 10, Street = 11;

    /// <summary>Whether a key's rule compares names (pairs it finds are biased on the name comparisons).</summary>
    public static bool UsesNames(long key) => RuleOf(key) is RareToken or TokenPair or TokenTriple or AcronymCountry or ExactName or PrefixCountry;

    /// <summary>
    /// Keys that ignore names entirely and find mostly true pairs (a domain or phone number in common), for
    /// estimating the name comparisons without the bias of name blocking.
    /// </summary>
    public static void NameFreeKeysOf(FeatureTable t, RecordFeatures f, List<long> keys)
    {
        if (f.Domain >= 0)
        {
            keys.Add(Key(Domain, t.Domains[f.Domain]));
        }

        if (f.EmailDomain >= 0)
        {
            keys.Add(Key(Domain, t.Domains[f.EmailDomain]));
        }

        if (f.Phone >= 0)
        {
            keys.Add(Key(Phone, t.Phones[f.Phone]));
        }
    }

    /// <summary>Rule index of a key.</summary>
    public static int RuleOf(long key) => (int)((ulong)key >> 56);

    /// <summary>Appends the blocking keys of one record.</summary>
    public static void KeysOf(FeatureTable t, RecordFeatures f, int maxRareTokenFrequency, List<long> keys)
    {
        if (f.Domain >= 0)
        {
            keys.Add(Key(Domain, t.Domains[f.Domain]));
        }

        if (f.EmailDomain >= 0)
        {
            keys.Add(Key(Domain, t.Domains[f.EmailDomain]));
        }

        Span<int> rarest = stackalloc int[3];
        var rare = RarestTokens(t, f.Tokens, rarest);
        foreach (var token in f.Tokens)
        {
            if (t.Tokens.UsesOf(token) <= maxRareTokenFrequency && t.Tokens[token].Length >= 3)
            {
                keys.Add(Key(RareToken, t.Tokens[token]));
            }
        }

        Span<int> altRarest = stackalloc int[3];
        foreach (var alt in f.AltTokens)
        {
            var n = RarestTokens(t, alt, altRarest);
            if (n > 0)
            {
                keys.Add(Key(RareToken, t.Tokens[altRarest[0]]));
            }

            if (n >= 2)
            {
                keys.Add(Key(TokenPair, Ordered(t.Tokens[altRarest[0]], t.Tokens[altRarest[1]])));
            }
        }

        if (rare >= 2)
        {
            keys.Add(Key(TokenPair, Ordered(t.Tokens[rarest[0]], t.Tokens[rarest[1]])));
        }

        if (rare >= 3)
        {
            keys.Add(Key(TokenTriple, Ordered(t.Tokens[rarest[0]], Ordered(t.Tokens[rarest[1]], t.Tokens[rarest[2]]))));
        }

        var country = f.Country >= 0 ? t.Countries[f.Country] : "";
        if (f.Acronym is { Length: >= 2 } acronym)
        {
            keys.Add(Key(AcronymCountry, acronym + "|" + country));
        }

        if (f.Initials is { Length: >= 3 } initials)
        {
            keys.Add(Key(AcronymCountry, initials + "|" + country));
        }

        var prefix = rare > 0 ? Prefix(t.Tokens[rarest[0]], 3) : Prefix(f.NameKey, 3);
        if (f.HasCoordinates)
        {
            var cell = $"{Math.Floor(f.Latitude * 50)}:{Math.Floor(f.Longitude * 50)}|{prefix}";
            keys.Add(Key(GeoCell, cell));
        }

        if (f.Phone >= 0)
        {
            keys.Add(Key(Phone, t.Phones[f.Phone]));
        }

        keys.Add(Key(ExactName, f.NameKey + "|" + country));
        if (f.Postal >= 0)
        {
            keys.Add(Key(PostalPrefix, t.Postals[f.Postal] + "|" + prefix));
        }

        if (f.City >= 0)
        {
            keys.Add(Key(CityPrefix, t.Cities[f.City] + "|" + prefix));
        }

        if (f.StreetKey is { } street && (f.Postal >= 0 || f.City >= 0))
        {
            // "356 hensman street greengrove" → "356 hensman": the number and first word survive most typos.
            var words = street.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2)
            {
                var place = f.Postal >= 0 ? t.Postals[f.Postal] : t.Cities[f.City];
                keys.Add(Key(Street, words[0] + " " + words[1] + "|" + place));
            }
        }

        if (rare >= 2)
        {
            keys.Add(Key(PrefixCountry, Ordered(Prefix(t.Tokens[rarest[0]], 4), Prefix(t.Tokens[rarest[1]], 4)) + "|" + country));
        }
    }

    /// <summary>The (up to three) rarest tokens of a name, rarest first; returns how many.</summary>
    private static int RarestTokens(FeatureTable t, int[] tokens, Span<int> result)
    {
        var n = 0;
        foreach (var token in tokens)
        {
            if (t.Tokens[token].Length < 2)
            {
                continue;
            }

            var uses = t.Tokens.UsesOf(token);
            var position = n < result.Length ? n : result.Length;
            while (position > 0 && Rarer(t, token, uses, result[position - 1]))
            {
                if (position < result.Length)
                {
                    result[position] = result[position - 1];
                }

                position--;
            }

            if (position < result.Length)
            {
                result[position] = token;
                n = Math.Min(n + 1, result.Length);
            }
        }

        return n;
    }

    private static bool Rarer(FeatureTable t, int token, int uses, int other)
    {
        var otherUses = t.Tokens.UsesOf(other);
        return uses < otherUses || (uses == otherUses && string.CompareOrdinal(t.Tokens[token], t.Tokens[other]) < 0);
    }

    private static string Prefix(string value, int length) => value.Length <= length ? value : value[..length];

    private static string Ordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a + " " + b : b + " " + a;

    /// <summary>A 64-bit key: the rule in the top byte, a 56-bit FNV-1a hash of the value below.</summary>
    private static long Key(int rule, string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return (long)(((ulong)rule << 56) | (hash & 0x00FF_FFFF_FFFF_FFFFUL));
    }
}
