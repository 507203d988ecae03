namespace ClusterSync.Core.Matching;

/// <summary>
/// The blocking rules, unioned: two records become a candidate pair when any rule gives them the same key.
/// Each rule is selective enough that blocks stay small; a block over its size cap is not expanded into
/// all its pairs: an exact key's block is sub-blocked, a broad key's block is left to the other rules.
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

    /// <summary>
    /// Whether a key is exact (one full name in one country, one web or e-mail domain, one phone, one street
    /// at one place): records sharing it are never left uncompared, however many they are. An oversized
    /// block of such a key is sub-blocked (<see cref="SortedNeighbourhood"/>) instead of dropped; the broad
    /// keys (tokens, prefixes, cells) are dropped past their cap, since other rules reach their pairs.
    /// </summary>
    public static bool IsExact(long key) => RuleOf(key) is ExactName or Domain or Phone or Street;

    /// <summary>Whether a key is the exact-name rule's (full name key + country).</summary>
    public static bool IsExactName(long key) => RuleOf(key) == ExactName;

    /// <summary>The exact-name key of a record (full name key + country).</summary>
    public static long ExactNameKeyOf(FeatureTable t, RecordFeatures f) =>
        Key(ExactName, f.NameKey, f.Country >= 0 ? t.Countries[f.Country] : "");

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

    /// <summary>
    /// Size cap of a key's block: rules that group by place and a three-letter name prefix are broad, so
    /// their blocks are capped lower than those of rarer keys.
    /// </summary>
    public static int CapOf(long key, int maxBlockSize) =>
        RuleOf(key) is GeoCell or PostalPrefix or CityPrefix or PrefixCountry ? Math.Max(2, maxBlockSize / 4) : maxBlockSize;

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
                keys.Add(Ordered(TokenPair, t.Tokens[altRarest[0]], t.Tokens[altRarest[1]]));
            }
        }

        if (rare >= 2)
        {
            keys.Add(Ordered(TokenPair, t.Tokens[rarest[0]], t.Tokens[rarest[1]]));
        }

        if (rare >= 3)
        {
            keys.Add(Triple(TokenTriple, t.Tokens[rarest[0]], t.Tokens[rarest[1]], t.Tokens[rarest[2]]));
        }

        var country = f.Country >= 0 ? t.Countries[f.Country] : "";
        if (f.Acronym is { Length: >= 2 } acronym)
        {
            keys.Add(Key(AcronymCountry, acronym, country));
        }

        if (f.Initials is { Length: >= 3 } initials)
        {
            keys.Add(Key(AcronymCountry, initials, country));
        }

        var prefix = rare > 0 ? Prefix(t.Tokens[rarest[0]], 3) : Prefix(f.NameKey, 3);
        if (f.HasCoordinates)
        {
            Span<char> cell = stackalloc char[2];
            var latitude = (int)Math.Floor(f.Latitude * 50);
            var longitude = (int)Math.Floor(f.Longitude * 50);
            cell[0] = (char)(latitude & 0xFFFF);
            cell[1] = (char)(longitude & 0xFFFF);
            keys.Add(Key(GeoCell, cell, prefix));
        }

        if (f.Phone >= 0)
        {
            keys.Add(Key(Phone, t.Phones[f.Phone]));
        }

        keys.Add(ExactNameKeyOf(t, f));
        if (f.Postal >= 0)
        {
            keys.Add(Key(PostalPrefix, t.Postals[f.Postal], prefix));
        }

        if (f.City >= 0)
        {
            keys.Add(Key(CityPrefix, t.Cities[f.City], prefix));
        }

        if (f.StreetKey is { } street && (f.Postal >= 0 || f.City >= 0))
        {
            // "356 hensman street greengrove" → "356 hensman": the number and first word survive most typos.
            var firstSpace = street.IndexOf(' ', StringComparison.Ordinal);
            var secondSpace = firstSpace < 0 ? -1 : street.IndexOf(' ', firstSpace + 1);
            if (firstSpace > 0)
            {
                var head = secondSpace < 0 ? street.AsSpan() : street.AsSpan(0, secondSpace);
                var place = f.Postal >= 0 ? t.Postals[f.Postal] : t.Cities[f.City];
                keys.Add(Key(Street, head, place));
            }
        }

        if (rare >= 2)
        {
            keys.Add(Ordered(PrefixCountry, Prefix(t.Tokens[rarest[0]], 4), Prefix(t.Tokens[rarest[1]], 4), country));
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

    private static ReadOnlySpan<char> Prefix(string value, int length) => value.Length <= length ? value : value.AsSpan(0, length);

    private static long Ordered(int rule, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> suffix = default) =>
        a.SequenceCompareTo(b) <= 0 ? Key(rule, a, b, suffix) : Key(rule, b, a, suffix);

    private static long Triple(int rule, string a, string b, string c)
    {
        Span<string> words = [a, b, c];
        words.Sort(string.CompareOrdinal);
        return Key(rule, words[0], words[1], words[2]);
    }

    /// <summary>
    /// A 64-bit key: the rule in the top byte, a 56-bit FNV-1a hash of the parts (with separators) below.
    /// Hashing the parts directly keeps key generation free of string allocation.
    /// </summary>
    private static long Key(int rule, ReadOnlySpan<char> a, ReadOnlySpan<char> b = default, ReadOnlySpan<char> c = default)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, a);
        hash = Mix((hash ^ '|') * 1099511628211UL, b);
        hash = Mix((hash ^ '|') * 1099511628211UL, c);
        return (long)(((ulong)rule << 56) | (hash & 0x00FF_FFFF_FFFF_FFFFUL));
    }

    private static ulong Mix(ulong hash, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
