using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>Every record's features, by dense index, with the interned vocabularies and their frequencies.</summary>
internal sealed class FeatureTable
{
    private readonly List<RecordFeatures?> _records = [];
    private readonly Dictionary<SourceRecordKey, int> _index = [];

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

        // Names, phones and web domains are mostly distinct per record: size their vocabularies once.
        Names.EnsureCapacity(Names.Count + n);
        Phones.EnsureCapacity(Phones.Count + n);
        Domains.EnsureCapacity(Domains.Count + n);
        Postals.EnsureCapacity(Postals.Count + (n / 2));
        Tokens.EnsureCapacity(Tokens.Count + (n / 4));
        _records.EnsureCapacity(_records.Count + n);
        _index.EnsureCapacity(_index.Count + n);
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
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    names[i] = Names.Use(drafts[i].NameKey);
                    acronyms[i] = Acronyms.Use(drafts[i].Acronym);
                }
            },
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    countries[i] = Countries.Use(drafts[i].Country);
                    regions[i] = Regions.Use(drafts[i].Region);
                    cities[i] = Cities.Use(drafts[i].CityKey);
                    phones[i] = Phones.Use(drafts[i].Phone);
                }
            },
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    var postal = drafts[i].Postal;
                    postals[i] = Postals.Use(postal);
                    prefixes[i] = postal is { Length: > 3 } ? Postals.Use("~" + postal[..3]) : -1;
                }
            },
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    domains[i] = Domains.Use(drafts[i].Domain);
                    emails[i] = Domains.Use(drafts[i].EmailDomain);
                }
            },
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    sectors[i] = InternSectors(drafts[i].Sectors);
                }
            });

        var first = _records.Count;
        var built = new RecordFeatures[n];
        Parallel.For(0, n, i =>
        {
            var d = drafts[i];
            built[i] = new RecordFeatures
            {
                Key = d.Key,
                NameKey = d.NameKey,
                JoinedNameKey = d.NameKey.Replace(" ", "", StringComparison.Ordinal),
                Tokens = tokens[i],
                AltTokens = alt[i],
                PlaceTokens = places[i],
                AcronymId = acronyms[i],
                AltKeys = d.AltKeys,
                NameId = names[i],
                Acronym = d.Acronym,
                Initials = d.Initials,
                Country = countries[i],
                Region = regions[i],
                City = cities[i],
                CityKey = d.CityKey,
                Postal = postals[i],
                PostalPrefix = prefixes[i],
                StreetKey = d.StreetKey,
                Domain = domains[i],
                SitePath = d.SitePath,
                EmailDomain = emails[i],
                Phone = phones[i],
                Latitude = d.Latitude,
                Longitude = d.Longitude,
                Sectors = sectors[i],
                Founded = d.Founded,
                CountryAssumed = d.CountryAssumed,
            };
        });

        _records.AddRange(built);
        for (var i = 0; i < n; i++)
        {
            _index.Add(built[i].Key, first + i);
        }
    }

    private void InternTokens(FeatureDraft[] drafts, int[][] tokens, int[][][] alt, int[][] places)
    {
        var tokenSet = new HashSet<int>();
        var scratch = new HashSet<int>();
        for (var i = 0; i < drafts.Length; i++)
        {
            var d = drafts[i];
            tokenSet.Clear();
            tokens[i] = Unique(d.NameTokens, tokenSet);
            Array.Sort(tokens[i]);
            var alternates = d.AltKeys.Length == 0 ? [] : new int[d.AltKeys.Length][];
            for (var a = 0; a < alternates.Length; a++)
            {
                alternates[a] = Unique(FeatureDraft.ContentWords(d.AltKeys[a]), tokenSet);
                Array.Sort(alternates[a]);
            }

            alt[i] = alternates;
            foreach (var token in tokenSet)
            {
                Tokens.CountUse(token);
            }

            scratch.Clear();
            places[i] = Unique(d.PlaceTokens, scratch);
            Array.Sort(places[i]);
        }
    }

    public int Add(FeatureDraft draft)
    {
        if (_index.ContainsKey(draft.Key))
        {
            Remove(draft.Key);
        }

        var tokenSet = new HashSet<int>();
        var tokens = Unique(draft.NameTokens, tokenSet);
        var alt = new int[draft.AltKeys.Length][];
        for (var i = 0; i < alt.Length; i++)
        {
            alt[i] = Unique(FeatureDraft.ContentWords(draft.AltKeys[i]), tokenSet);
        }

        foreach (var token in tokenSet)
        {
            Tokens.CountUse(token);
        }

        var postal = draft.Postal;
        var places = new HashSet<int>();
        var placeTokens = Unique(draft.PlaceTokens, places);
        Array.Sort(placeTokens);
        Array.Sort(tokens);
        foreach (var a in alt)
        {
            Array.Sort(a);
        }

        var features = new RecordFeatures
        {
            Key = draft.Key,
            NameKey = draft.NameKey,
            JoinedNameKey = draft.NameKey.Replace(" ", "", StringComparison.Ordinal),
            Tokens = tokens,
            AltTokens = alt,
            PlaceTokens = placeTokens,
            AcronymId = Acronyms.Use(draft.Acronym),
            AltKeys = draft.AltKeys,
            NameId = Names.Use(draft.NameKey),
            Acronym = draft.Acronym,
            Initials = draft.Initials,
            Country = Countries.Use(draft.Country),
            Region = Regions.Use(draft.Region),
            City = Cities.Use(draft.CityKey),
            CityKey = draft.CityKey,
            Postal = Postals.Use(postal),
            PostalPrefix = postal is { Length: > 3 } ? Postals.Use("~" + postal[..3]) : -1,
            StreetKey = draft.StreetKey,
            Domain = Domains.Use(draft.Domain),
            SitePath = draft.SitePath,
            EmailDomain = Domains.Use(draft.EmailDomain),
            Phone = Phones.Use(draft.Phone),
            Latitude = draft.Latitude,
            Longitude = draft.Longitude,
            Sectors = InternSectors(draft.Sectors),
            Founded = draft.Founded,
            CountryAssumed = draft.CountryAssumed,
        };
        _records.Add(features);
        _index[draft.Key] = _records.Count - 1;
        return _records.Count - 1;
    }

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
