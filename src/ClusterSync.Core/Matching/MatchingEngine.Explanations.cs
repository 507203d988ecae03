using System.Globalization;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>Links in the review band (not auto-matched, not decided) that involve any of the keys.</summary>
    public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var match = MatchWeight;
        var result = new Dictionary<(int, int), ScoredPair>();
        foreach (var key in keys)
        {
            if (!_table.TryGetIndex(key, out var i) || _adjacency[i] is not { } edges)
            {
                continue;
            }

            foreach (var e in edges)
            {
                if (e.Weight < match && DecisionOf(e.A, e.B) is null)
                {
                    var (left, right) = OrderedKeys(_table[e.A]!.Key, _table[e.B]!.Key);
                    result[Ordered(e.A, e.B)] = new ScoredPair(left, right, FellegiSunterModel.Probability(e.Weight), e.Weight);
                }
            }
        }

        return [.. result.Values.OrderByDescending(p => p.Weight).ThenBy(p => p.Left.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>The links inside a cluster (tree and other linked pairs), for explanations and link strength.</summary>
    public IReadOnlyList<ScoredPair> LinksWithin(IReadOnlyList<SourceRecordKey> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var indices = new HashSet<int>();
        foreach (var key in members)
        {
            if (_table.TryGetIndex(key, out var i))
            {
                indices.Add(i);
            }
        }

        var result = new List<ScoredPair>();
        foreach (var i in indices)
        {
            if (_adjacency[i] is { } edges)
            {
                foreach (var e in edges)
                {
                    if (e.A == i && indices.Contains(e.B))
                    {
                        var (left, right) = OrderedKeys(_table[e.A]!.Key, _table[e.B]!.Key);
                        result.Add(new ScoredPair(left, right, FellegiSunterModel.Probability(e.Weight), e.Weight, DecisionKindOf(e.A, e.B)));
                    }
                }
            }
        }

        foreach (var ((a, b), kind) in _decisions)
        {
            if (kind == MatchDecisionKinds.MustLink && indices.Contains(a) && indices.Contains(b) && EdgeWeight(a, b) == float.NegativeInfinity)
            {
                var (left, right) = OrderedKeys(_table[a]!.Key, _table[b]!.Key);
                result.Add(new ScoredPair(left, right, 1, double.PositiveInfinity, kind));
            }
        }

        return [.. result.OrderByDescending(p => p.Weight).ThenBy(p => p.Left.ToString(), StringComparer.Ordinal)];
    }

    private string? DecisionKindOf(int a, int b) => DecisionOf(a, b);

    /// <summary>The waterfall of one pair: prior, then each comparison's level and weight.</summary>
    public PairExplanation Explain(SourceRecordKey left, SourceRecordKey right)
    {
        if (!_table.TryGetIndex(left, out var a))
        {
            throw new KeyNotFoundException($"Record {left} is not held.");
        }

        if (!_table.TryGetIndex(right, out var b))
        {
            throw new KeyNotFoundException($"Record {right} is not held.");
        }

        RefreshDecisionIndex();
        return ExplainPair(left, _table[a]!, a, right, _table[b]!, b);
    }

    /// <summary>The waterfall of two records' features; an index of -1 is a record not held (no decision, no sub-block).</summary>
    private PairExplanation ExplainPair(SourceRecordKey left, RecordFeatures fa, int a, SourceRecordKey right, RecordFeatures fb, int b)
    {
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        Comparisons.Compare(_table, fa, fb, _settings.SharedDomainThreshold, levels);
        var steps = new List<ComparisonStep>();
        for (var c = 0; c < Comparisons.Count; c++)
        {
            var definition = Comparisons.All[c];
            steps.Add(levels[c] < 0
                ? new ComparisonStep(definition.Name, "missing on one side", 0, Detail(c, fa, fb))
                : new ComparisonStep(definition.Name, definition.Levels[levels[c]], Math.Round(_model.Weight(c, levels[c]), 3), Detail(c, fa, fb)));
        }

        var weight = _model.TotalWeight(levels);
        var gated = Gate(levels, weight);
        if (gated < weight)
        {
            steps.Add(new ComparisonStep("name gate", "names unrelated or with conflicting words: capped below the auto-match threshold", Math.Round(gated - weight, 3),
                "Organisations are identified by name; shared domains, phones or addresses never link them automatically."));
            weight = gated;
        }

        if (Decisive(fa, fb) && weight < UnionWeight)
        {
            steps.Add(new ComparisonStep("exact-key union", "same name and country, no conflicting web site, on more records than a block holds",
                Math.Round(UnionWeight - weight, 3),
                $"{_table.Names.UsesOf(fa.NameId)} records carry this name: they are linked without pairwise comparison."));
            weight = UnionWeight;
        }

        var probability = FellegiSunterModel.Probability(weight);
        var decision = a == b || a < 0 || b < 0 ? null : DecisionOf(a, b);
        var rules = SharedBlockingRules(fa, fb);
        if (a >= 0 && b >= 0 && SubBlockNeighbours(a, b))
        {
            rules.Add("sorted neighbourhood of an oversized exact-key block");
        }

        return new PairExplanation
        {
            Left = left,
            Right = right,
            PriorWeight = Math.Round(_model.PriorWeightOf(levels), 3),
            Steps = steps,
            Weight = Math.Round(weight, 3),
            Probability = Math.Round(probability, 6),
            Decision = decision,
            Outcome = decision ?? (probability >= _settings.MatchThreshold ? "match" : probability >= _settings.ReviewThreshold ? "review" : "non-match"),
            Blocked = rules.Count > 0,
            BlockingRules = rules,
        };
    }

    private List<string> SharedBlockingRules(RecordFeatures a, RecordFeatures b)
    {
        var keysA = new List<long>();
        var keysB = new List<long>();
        BlockingRules.KeysOf(_table, a, _settings.MaxRareTokenFrequency, keysA);
        BlockingRules.KeysOf(_table, b, _settings.MaxRareTokenFrequency, keysB);
        return [.. keysA.Intersect(keysB).Where(k => _blocks.SizeOf(k) <= BlockingRules.CapOf(k, _settings.MaxBlockSize))
            .Select(k => BlockingRules.Names[BlockingRules.RuleOf(k)]).Distinct().Order(StringComparer.Ordinal)];
    }

    private string Detail(int comparison, RecordFeatures a, RecordFeatures b)
    {
        static string Show(string? value) => value ?? "—";
        return comparison switch
        {
            Comparisons.Name => $"'{a.NameKey}' vs '{b.NameKey}' (soft TF-IDF {Comparisons.NameScore(_table, a, b).ToString("0.###", CultureInfo.InvariantCulture)}"
                + (a.NameId == b.NameId && a.NameId >= 0 ? $"; {_table.Names.UsesOf(a.NameId)} records share this name)" : ")"),
            Comparisons.Acronym => $"{Show(a.Acronym)} / {a.Initials} vs {Show(b.Acronym)} / {b.Initials}",
            Comparisons.Domain => $"{Show(DomainText(a.Domain))}, {Show(DomainText(a.EmailDomain))} vs {Show(DomainText(b.Domain))}, {Show(DomainText(b.EmailDomain))}"
                + (a.Domain >= 0 && a.Domain == b.Domain ? $" ({_table.Domains.UsesOf(a.Domain)} records use it)" : ""),
            Comparisons.Phone => $"{Show(a.Phone >= 0 ? _table.Phones[a.Phone] : null)} vs {Show(b.Phone >= 0 ? _table.Phones[b.Phone] : null)}",
            Comparisons.Place => $"{Show(a.Postal >= 0 ? _table.Postals[a.Postal] : null)} {Show(a.CityKey)} vs {Show(b.Postal >= 0 ? _table.Postals[b.Postal] : null)} {Show(b.CityKey)}",
            Comparisons.Street => $"{Show(a.StreetKey)} vs {Show(b.StreetKey)}",
            Comparisons.Distance => a.HasCoordinates && b.HasCoordinates
                ? Comparisons.DistanceKm(a, b).ToString("0.## km", CultureInfo.InvariantCulture)
                : "coordinates missing",
            Comparisons.Country => $"{Show(a.Country >= 0 ? _table.Countries[a.Country] : null)}{(a.CountryAssumed ? " (assumed)" : "")} vs {Show(b.Country >= 0 ? _table.Countries[b.Country] : null)}{(b.CountryAssumed ? " (assumed)" : "")}",
            Comparisons.Sectors => $"{a.Sectors.Length} vs {b.Sectors.Length} sectors",
            Comparisons.Founded => $"{(a.Founded == 0 ? "—" : FeatureDraft.Invariant(a.Founded))} vs {(b.Founded == 0 ? "—" : FeatureDraft.Invariant(b.Founded))}",
            _ => "",
        };
    }

    private string? DomainText(int id) => id >= 0 ? _table.Domains[id] : null;

    private static (SourceRecordKey, SourceRecordKey) OrderedKeys(SourceRecordKey a, SourceRecordKey b) =>
        string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);

    /// <summary>The estimated model, for reports: per comparison, its levels with m, u and weight.</summary>
    public ModelSummary DescribeModel() => new(
        _model.Prior,
        [.. Comparisons.All.Select((d, c) => new ComparisonSummary(d.Name,
            [.. d.Levels.Select((level, l) => new LevelSummary(level, _model.M[c][l], _model.U[c][l], _model.Weight(c, l)))]))])
    {
        PriorsByEvidence = [.. FellegiSunterModel.EvidenceKinds.Select((kind, k) => new EvidencePrior(kind, _model.PriorsByEvidence[k]))],
    };
}

/// <param name="PriorMatchProbability">The share of all candidate pairs that match.</param>
public sealed record ModelSummary(double PriorMatchProbability, IReadOnlyList<ComparisonSummary> Comparisons)
{
    /// <summary>The prior each pair gets, by the kind of evidence it offers besides its names.</summary>
    public IReadOnlyList<EvidencePrior> PriorsByEvidence { get; init; } = [];
}

/// <summary>The prior of the pairs that offer one kind of evidence besides their names.</summary>
public sealed record EvidencePrior(string Evidence, double PriorMatchProbability);

public sealed record ComparisonSummary(string Name, IReadOnlyList<LevelSummary> Levels);

public sealed record LevelSummary(string Level, double M, double U, double Weight);
