namespace ClusterSync.Core.Matching;

/// <summary>Settings of the matching engine (configuration section <c>Matching</c>). Defaults suit organisation data.</summary>
public sealed class MatchingSettings
{
    /// <summary>Switches de-duplication off: every source record becomes its own organisation.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Pairs at or above this match probability are linked automatically.</summary>
    public double MatchThreshold { get; set; } = 0.9;

    /// <summary>Pairs at or above this probability (and below <see cref="MatchThreshold"/>) go to the review queue.</summary>
    public double ReviewThreshold { get; set; } = 0.5;

    /// <summary>Blocks larger than this are not expanded into pairs (their records are still reached by other rules).</summary>
    public int MaxBlockSize { get; set; } = 50;

    /// <summary>A name word used by at most this many records is a blocking key on its own.</summary>
    public int MaxRareTokenFrequency { get; set; } = 10;

    /// <summary>How many of a name's rarest tokens become blocking keys.</summary>
    public int RareTokensPerName { get; set; } = 2;

    /// <summary>Random pairs sampled to estimate u-probabilities.</summary>
    public int USampleSize { get; set; } = 100_000;

    /// <summary>Records whose candidate pairs are sampled for the EM estimation of m-probabilities.</summary>
    public int EmSampleSize { get; set; } = 10_000;

    public int EmIterations { get; set; } = 40;

    /// <summary>Pseudo-counts pulling the m estimates towards their defaults (stabilises small inputs).</summary>
    public double EmPriorStrength { get; set; } = 30;

    /// <summary>
    /// Keep pairs in the review band (the service's review queue needs them). Batch resolution turns this
    /// off and skips every pair whose names cannot pass the name gate.
    /// </summary>
    public bool KeepReviewPairs { get; set; } = true;

    /// <summary>Seed of every random choice, so that runs are repeatable.</summary>
    public int Seed { get; set; } = 20150101;

    /// <summary>
    /// A web domain or acronym is "shared" (weak evidence) when this many records or more use it. Duplicates
    /// count too, so this sits above the usual number of copies of one organisation.
    /// </summary>
    public int SharedDomainThreshold { get; set; } = 6;

    /// <summary>Bounds of any single comparison's weight (log2), so one field never decides alone.</summary>
    public double MaxComparisonWeight { get; set; } = 12;

    public double MinComparisonWeight { get; set; } = -10;

    /// <summary>Minimum share of a cluster's member pairs that must be linked for it to count as cohesive.</summary>
    public double MinClusterCohesion { get; set; } = 0.6;

    /// <summary>m-probabilities given by operators, by comparison name (one value per level, lowest level first).</summary>
    public IDictionary<string, double[]> MProbabilities { get; init; } = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);

    /// <summary>u-probabilities given by operators, by comparison name (one value per level, lowest level first).</summary>
    public IDictionary<string, double[]> UProbabilities { get; init; } = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Prior probability that a blocked pair matches; estimated by EM when null.</summary>
    public double? PriorMatchProbability { get; set; }

    /// <summary>Degree of parallelism for scoring (0 = all processors).</summary>
    public int Parallelism { get; set; }
}
