using System.Runtime.CompilerServices;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>Every record's features, by dense index, with the interned vocabularies and their frequencies.</summary>
internal sealed class FeatureTable
{
    private readonly List<RecordFeatures?> _records = [];
    private readonly Dictionary<SourceRecordKey, int> _index = [];
    private int _indexCapacity;

    public Interner Tokens { get; } = new();
    public Interner Names { get; } = new();
    public Interner Countries { get; } = new();
    public Interner Regions { get; } = new();
    public Interner Cities { get; } = new();
    public Interner Postals { get; } = new();
    public Interner Domains { get; } = new();
    public Interner Phones { get; } = new();
    public Interner Sectors { get; } = new();
    public Interner Acronyms { get; } = new();

    /// <summary>Slots, including removed ones (null).</summary>
    public int Capacity => _records.Count;

    public int LiveCount => _index.Count;

    public RecordFeatures? this[int index] => _records[index];

    public bool TryGetIndex(SourceRecordKey key, out int index) => _index.TryGetValue(key, out index);

    public IEnumerable<int> LiveIndices()
    {
        for (var i = 0; i < _records.Count; i++)
        {
            if (_records[i] is not null)
            {
                yield return i;
            }
        }
    }

    /// <summary>Per token id, whether it is a generic organisation noun; extended as tokens are interned.</summary>
    private readonly List<bool> _generic = [];

    /// <summary>Whether a name token is a generic organisation noun ("cluster", "council", "netzwerk").</summary>
    public bool IsGenericNoun(int token) => token < _generic.Count ? _generic[token] : IsGeneric(Tokens[token]);

    private static bool IsGeneric(string token) => Normalisation.Names.FoldedWordSet.GenericNouns.Contains(token);

    /// <summary>Flags the tokens interned since the last call (before any parallel scoring reads them).</summary>
    private void FlagNewTokens()
    {
        for (var t = _generic.Count; t < Tokens.Count; t++)
        {
            _generic.Add(IsGeneric(Tokens[t]));
        }
    }

    /// <summary>log(N / df) of a token: rare tokens weigh more.</summary>
    public double Idf(int token) => Math.Log((LiveCount + 1.0) / (Tokens.UsesOf(token) + 0.5));

    /// <summary>Sets a record's token weights from the current frequencies.</summary>
    public void Weigh(RecordFeatures f)
    {
        f.TokenWeights = Weights(f.Tokens);
        f.AltWeights = [.. f.AltTokens.Select(Weights)];
    }

    private float[] Weights(int[] tokens)
    {
        var weights = new float[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            weights[i] = (float)Math.Max(0.05, Idf(tokens[i]));
        }

        return weights;
    }

    /// <summary>
    /// Adds many new records at once. Each vocabulary is interned by its own pass, and the passes run in
    /// parallel (each touches one interner only), then the records are assembled in parallel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(FeatureDraft[] drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var n = drafts.Length;
        var keys = new HashSet<SourceRecordKey>(n);
        foreach (var draft in drafts)
        {
            if (_index.ContainsKey(draft.Key) || !keys.Add(draft.Key))
            {
                // A key met twice replaces its earlier record: keep the one-by-one semantics of Add.
                foreach (var d in drafts)
                {
                    Add(d);
                }

                return;
            }
        }

        // Names, phones and web domains are mostly distinct per record: make room for them at once, growing
        // geometrically (a load fed chunk by chunk would otherwise rehash every vocabulary at every chunk).
        Names.EnsureCapacity(Names.Count + n);
        Phones.EnsureCapacity(Phones.Count + n);
        Domains.EnsureCapacity(Domains.Count + n);
        Postals.EnsureCapacity(Postals.Count + (n / 2));
        Tokens.EnsureCapacity(Tokens.Count + (n / 4));
        _records.EnsureCapacity(_records.Count + n);
        _indexCapacity = Interner.Grown(_index, _indexCapacity, _index.Count + n);
        var tokens = new int[n][];
        var alt = new int[n][][];
        var places = new int[n][];
        var names = new int[n];
        var acronyms = new int[n];
        var countries = new int[n];
        var regions = new int[n];
        var cities = new int[n];
        var postals = new int[n];
        var prefixes = new int[n];
        var domains = new int[n];
        var emails = new int[n];
        var phones = new int[n];
        var sectors = new (int, float)[n][];
        Parallel.Invoke(
            () => InternTokens(drafts, tokens, alt, places),
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
            {
                for (var i = 0; i < n; i++)
                {
                    names[i] = Names.Use(drafts[i].NameKey);
                    acronyms[i] = Acronyms.Use(drafts[i].Acronym);
                }
            },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
            {
                for (var i = 0; i < n; i++)
                {
                    countries[i] = Countries.Use(drafts[i].Country);
                    regions[i] = Regions.Use(drafts[i].Region);
                    cities[i] = Cities.Use(drafts[i].CityKey);
                    phones[i] = Phones.Use(drafts[i].Phone);
                }
            },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
            {
                for (var i = 0; i < n; i++)
                {
                    postals[i] = Postals.Use(drafts[i].Postal);
                    prefixes[i] = UsePostalPrefix(drafts[i].Postal);
                }
            },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
            {
                for (var i = 0; i < n; i++)
                {
                    domains[i] = Domains.Use(drafts[i].Domain);
                    emails[i] = Domains.Use(drafts[i].EmailDomain);
                }
            },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] () =>
            {
                for (var i = 0; i < n; i++)
                {
                    sectors[i] = InternSectors(drafts[i].Sectors);
                }
            });

        var first = _records.Count;
        var built = new RecordFeatures[n];
        Parallel.For(0, n, i => built[i] = Assemble(
            drafts[i], tokens[i], alt[i], places[i], names[i], acronyms[i], countries[i], regions[i], cities[i],
            postals[i], prefixes[i], domains[i], emails[i], phones[i], sectors[i]));

        _records.AddRange(built);
        for (var i = 0; i < n; i++)
        {
            _index.Add(built[i].Key, first + i);
        }

        FlagNewTokens();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InternTokens(FeatureDraft[] drafts, int[][] tokens, int[][][] alt, int[][] places)
    {
        var tokenSet = new HashSet<int>();
        var scratch = new HashSet<int>();
        for (var i = 0; i < drafts.Length; i++)
        {
            (tokens[i], alt[i], places[i]) = InternTokens(drafts[i], tokenSet, scratch);
        }
    }

    /// <summary>
    /// A record's name, alternate-name and place token ids, sorted; each name token counts one use per
    /// record, however many of its names carry it.
    /// </summary>
    private (int[] Tokens, int[][] Alt, int[] Places) InternTokens(FeatureDraft d, HashSet<int> tokenSet, HashSet<int> scratch)
    {
        tokenSet.Clear();
        var tokens = Unique(d.NameTokens, tokenSet);
        Array.Sort(tokens);
        var alternates = d.AltKeys.Length == 0 ? [] : new int[d.AltKeys.Length][];
        for (var a = 0; a < alternates.Length; a++)
        {
            alternates[a] = Unique(FeatureDraft.ContentWords(d.AltKeys[a]), tokenSet);
            Array.Sort(alternates[a]);
        }

        foreach (var token in tokenSet)
        {
            Tokens.CountUse(token);
        }

        scratch.Clear();
        var places = Unique(d.PlaceTokens, scratch);
        Array.Sort(places);
        return (tokens, alternates, places);
    }

    public int Add(FeatureDraft draft)
    {
        if (_index.ContainsKey(draft.Key))
        {
            Remove(draft.Key);
        }

        var (tokens, alt, places) = InternTokens(draft, [], []);
        var features = Assemble(
            draft, tokens, alt, places, Names.Use(draft.NameKey), Acronyms.Use(draft.Acronym), Countries.Use(draft.Country),
            Regions.Use(draft.Region), Cities.Use(draft.CityKey), Postals.Use(draft.Postal), UsePostalPrefix(draft.Postal),
            Domains.Use(draft.Domain), Domains.Use(draft.EmailDomain), Phones.Use(draft.Phone), InternSectors(draft.Sectors));
        _records.Add(features);
        _index[draft.Key] = _records.Count - 1;
        FlagNewTokens();
        return _records.Count - 1;
    }

    /// <summary>
    /// The features of a record that is not held (a record scored against the directory): its values are
    /// interned without counting a use, so frequencies and every held record stay as they were; a value
    /// never seen before stays in the vocabularies, unused.
    /// </summary>
    public RecordFeatures Probe(FeatureDraft draft)
    {
        int Intern(Interner interner, string? value) => string.IsNullOrEmpty(value) ? -1 : interner.Intern(value);
        var tokens = draft.NameTokens.Select(Tokens.Intern).Distinct().Order().ToArray();
        var alternates = draft.AltKeys.Select(k => FeatureDraft.ContentWords(k).Select(Tokens.Intern).Distinct().Order().ToArray()).ToArray();
        var places = draft.PlaceTokens.Select(Tokens.Intern).Distinct().Order().ToArray();
        var sectors = draft.Sectors.Select(s => (Sectors.Intern(s.Code), s.Weight)).DistinctBy(s => s.Item1).ToArray();
        var features = Assemble(
            draft, tokens, alternates, places, Intern(Names, draft.NameKey), Intern(Acronyms, draft.Acronym), Intern(Countries, draft.Country),
            Intern(Regions, draft.Region), Intern(Cities, draft.CityKey), Intern(Postals, draft.Postal),
            draft.Postal is { Length: > 3 } postal ? Postals.Intern("~" + postal[..3]) : -1,
            Intern(Domains, draft.Domain), Intern(Domains, draft.EmailDomain), Intern(Phones, draft.Phone), sectors);
        Weigh(features);
        FlagNewTokens();
        return features;
    }

    /// <summary>The postal code's first three characters, as a coarser area (-1 for short codes).</summary>
    private int UsePostalPrefix(string? postal) => postal is { Length: > 3 } ? Postals.Use("~" + postal[..3]) : -1;

    private static RecordFeatures Assemble(
        FeatureDraft d, int[] tokens, int[][] alt, int[] places, int name, int acronym, int country, int region, int city,
        int postal, int postalPrefix, int domain, int email, int phone, (int, float)[] sectors) => new()
        {
            Key = d.Key,
            NameKey = d.NameKey,
            Tokens = tokens,
            AltTokens = alt,
            PlaceTokens = places,
            AcronymId = acronym,
            AltKeys = d.AltKeys,
            NameId = name,
            Acronym = d.Acronym,
            Initials = d.Initials,
            Country = country,
            Region = region,
            City = city,
            CityKey = d.CityKey,
            Postal = postal,
            PostalPrefix = postalPrefix,
            StreetKey = d.StreetKey,
            Domain = domain,
            SitePath = d.SitePath,
            EmailDomain = email,
            Phone = phone,
            Latitude = d.Latitude,
            Longitude = d.Longitude,
            Sectors = sectors,
            Founded = d.Founded,
            CountryAssumed = d.CountryAssumed,
        };

    private (int Code, float Weight)[] InternSectors((string Code, float Weight)[] sectors)
    {
        if (sectors.Length == 0)
        {
            return [];
        }

        var result = new List<(int, float)>(sectors.Length);
        foreach (var (code, weight) in sectors)
        {
            var id = Sectors.Intern(code);
            if (!result.Exists(s => s.Item1 == id))
            {
                Sectors.Use(code);
                result.Add((id, weight));
            }
        }

        return [.. result];
    }

    /// <summary>Token ids without counting a use (uses are counted once per record, afterwards).</summary>
    private int[] Unique(string[] tokens, HashSet<int> recordTokens)
    {
        var ids = new List<int>(tokens.Length);
        foreach (var token in tokens)
        {
            var id = Tokens.Intern(token);

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }

            recordTokens.Add(id);
        }

        return [.. ids];
    }

    public void Remove(SourceRecordKey key)
    {
        if (!_index.Remove(key, out var index) || _records[index] is not { } f)
        {
            return;
        }

        var tokenSet = new HashSet<int>(f.Tokens);
        foreach (var alt in f.AltTokens)
        {
            tokenSet.UnionWith(alt);
        }

        foreach (var token in tokenSet)
        {
            Tokens.Release(token);
        }

        Names.Release(f.NameId);
        Acronyms.Release(f.AcronymId);
        Countries.Release(f.Country);
        Regions.Release(f.Region);
        Cities.Release(f.City);
        Postals.Release(f.Postal);
        Postals.Release(f.PostalPrefix);
        Domains.Release(f.Domain);
        Domains.Release(f.EmailDomain);
        Phones.Release(f.Phone);
        foreach (var (code, _) in f.Sectors)
        {
            Sectors.Release(code);
        }

        _records[index] = null;
    }
}
