using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// Why a pair scored as it did: the prior, then one step per comparison, like a waterfall chart.
/// <see cref="Weight"/> = <see cref="PriorWeight"/> + the sum of step weights.
/// </summary>
public sealed record PairExplanation
{
    public required SourceRecordKey Left { get; init; }
    public required SourceRecordKey Right { get; init; }

    /// <summary>log2 of the prior odds that two records in the same block match.</summary>
    public double PriorWeight { get; init; }

    public IReadOnlyList<ComparisonStep> Steps { get; init; } = [];

    public double Weight { get; init; }
    public double Probability { get; init; }

    /// <summary><c>match</c>, <c>review</c> or <c>non-match</c> by the thresholds, or the operator decision that overrides it.</summary>
    public required string Outcome { get; init; }

    /// <summary>An operator decision for this pair, if any.</summary>
    public string? Decision { get; init; }

    /// <summary>Whether any blocking rule put the two records together (pairs never blocked are never scored in a run).</summary>
    public bool Blocked { get; init; }

    public IReadOnlyList<string> BlockingRules { get; init; } = [];
}

/// <summary>One comparison's contribution.</summary>
/// <param name="Comparison">e.g. <c>name</c>, <c>domain</c>.</param>
/// <param name="Level">The graded level reached, e.g. <c>jaro-winkler ≥ 0.92</c>.</param>
/// <param name="Weight">log2(m/u) for the level, after term-frequency adjustment.</param>
/// <param name="Detail">Values compared and adjustments applied, for people.</param>
public sealed record ComparisonStep(string Comparison, string Level, double Weight, string? Detail = null);
