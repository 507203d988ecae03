using System.Globalization;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// Explanations: the waterfall of one pair (prior, each comparison's level and weight, the name gate, the
/// exact-key union), the blocking rules that brought it together, and the estimated model for reports.
/// </summary>
internal sealed class PairExplainer(FeatureTable table, CandidateIndex index, MatchGraph graph)
{
    /// <summary>The waterfall of two records' features; an index of -1 is a record not held (no decision, no sub-block).</summary>
    public PairExplanation Explain(PairScorer scorer, SourceRecordKey left, RecordFeatures fa, int a, SourceRecordKey right, RecordFeatures fb, int b)
    {
        var model = scorer.Model;
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        scorer.Compare(fa, fb, levels);
        var steps = new List<ComparisonStep>();
        for (var c = 0; c < Comparisons.Count; c++)
        {
            var definition = Comparisons.All[c];
            steps.Add(levels[c] < 0
                ? new ComparisonStep(definition.Name, "missing on one side", 0, Detail(c, fa, fb))
                : new ComparisonStep(definition.Name, definition.Levels[levels[c]], Math.Round(model.Weight(c, levels[c]), 3), Detail(c, fa, fb)));
        }

        var weight = model.TotalWeight(levels);
        var gated = scorer.Gate(levels, weight);
        if (gated < weight)
        {
            steps.Add(new ComparisonStep("name gate", "names unrelated or with conflicting words: capped below the auto-match threshold", Math.Round(gated - weight, 3),
                "Organisations are identified by name; shared domains, phones or addresses never link them automatically."));
            weight = gated;
        }

        if (PairScorer.Decisive(fa, fb) && weight < scorer.UnionWeight)
        {
            steps.Add(new ComparisonStep("exact-key union", "same name and country, no conflicting web site, on more records than a block holds",
                Math.Round(scorer.UnionWeight - weight, 3),
                $"{table.Names.UsesOf(fa.NameId)} records carry this name: they are linked without pairwise comparison."));
            weight = scorer.UnionWeight;
        }

        var probability = FellegiSunterModel.Probability(weight);
        var decision = a == b || a < 0 || b < 0 ? null : graph.DecisionOf(a, b);
        var rules = index.SharedRules(fa, a, fb, b);
        return new PairExplanation
        {
            Left = left,
            Right = right,
            PriorWeight = Math.Round(model.PriorWeightOf(levels), 3),
            Steps = steps,
            Weight = Math.Round(weight, 3),
            Probability = Math.Round(probability, 6),
            Decision = decision,
            Outcome = decision ?? scorer.Outcome(probability),
            Blocked = rules.Count > 0,
            BlockingRules = rules,
        };
    }

    /// <summary>The estimated model: per comparison, its levels with m, u and weight; the priors.</summary>
    public static ModelSummary Describe(FellegiSunterModel model) => new(
        model.Prior,
        [.. Comparisons.All.Select((d, c) => new ComparisonSummary(d.Name,
            [.. d.Levels.Select((level, l) => new LevelSummary(level, model.M[c][l], model.U[c][l], model.Weight(c, l)))]))])
    {
        PriorsByEvidence = [.. FellegiSunterModel.EvidenceKinds.Select((kind, k) => new EvidencePrior(kind, model.PriorsByEvidence[k]))],
    };

    private string Detail(int comparison, RecordFeatures a, RecordFeatures b)
    {
        static string Show(string? value) => value ?? "—";
        return comparison switch
        {
            Comparisons.Name => $"'{a.NameKey}' vs '{b.NameKey}' (soft TF-IDF {NameComparison.NameScore(table, a, b).ToString("0.###", CultureInfo.InvariantCulture)}"
                + (a.NameId == b.NameId && a.NameId >= 0 ? $"; {table.Names.UsesOf(a.NameId)} records share this name)" : ")"),
            Comparisons.Acronym => $"{Show(a.Acronym)} / {a.Initials} vs {Show(b.Acronym)} / {b.Initials}",
            Comparisons.Domain => $"{Show(DomainText(a.Domain))}, {Show(DomainText(a.EmailDomain))} vs {Show(DomainText(b.Domain))}, {Show(DomainText(b.EmailDomain))}"
                + (a.Domain >= 0 && a.Domain == b.Domain ? $" ({table.Domains.UsesOf(a.Domain)} records use it)" : ""),
            Comparisons.Phone => $"{Show(a.Phone >= 0 ? table.Phones[a.Phone] : null)} vs {Show(b.Phone >= 0 ? table.Phones[b.Phone] : null)}",
            Comparisons.Place => $"{Show(a.Postal >= 0 ? table.Postals[a.Postal] : null)} {Show(a.CityKey)} vs {Show(b.Postal >= 0 ? table.Postals[b.Postal] : null)} {Show(b.CityKey)}",
            Comparisons.Street => $"{Show(a.StreetKey)} vs {Show(b.StreetKey)}",
            Comparisons.Distance => a.HasCoordinates && b.HasCoordinates
                ? PlaceComparisons.DistanceKm(a, b).ToString("0.## km", CultureInfo.InvariantCulture)
                : "coordinates missing",
            Comparisons.Country => $"{Show(a.Country >= 0 ? table.Countries[a.Country] : null)}{(a.CountryAssumed ? " (assumed)" : "")} vs {Show(b.Country >= 0 ? table.Countries[b.Country] : null)}{(b.CountryAssumed ? " (assumed)" : "")}",
            Comparisons.Sectors => $"{a.Sectors.Length} vs {b.Sectors.Length} sectors",
            Comparisons.Founded => $"{(a.Founded == 0 ? "—" : FeatureDraft.Invariant(a.Founded))} vs {(b.Founded == 0 ? "—" : FeatureDraft.Invariant(b.Founded))}",
            _ => "",
        };
    }

    private string? DomainText(int id) => id >= 0 ? table.Domains[id] : null;
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
