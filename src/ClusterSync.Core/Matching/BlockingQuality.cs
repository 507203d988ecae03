using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// How well blocking did on labelled data: pair completeness (the share of true pairs that blocking
/// brought together, directly or through a chain of candidate pairs within their true cluster: an upper
/// bound on recall), the true pairs lost to the block size caps (sharing only blocks too large to
/// expand, and not reached by sub-blocking), and reduction ratio (the share of all possible pairs it
/// spared from scoring).
/// </summary>
public sealed record BlockingQuality(long Records, long CandidatePairs, long TruePairs, long TruePairsBlocked, long TruePairsLostToCaps = 0)
{
    public double PairCompleteness => TruePairs == 0 ? 1 : (double)TruePairsBlocked / TruePairs;

    public double ReductionRatio
    {
        get
        {
            var all = Records * (Records - 1) / 2.0;
            return all <= 0 ? 1 : 1 - (CandidatePairs / all);
        }
    }

    /// <summary>Measures blocking of a loaded engine against true cluster labels (same order as the keys).</summary>
    public static BlockingQuality Measure(MatchingEngine engine, IReadOnlyList<SourceRecordKey> keys, IReadOnlyList<string> truth)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(truth);
        if (keys.Count != truth.Count)
        {
            throw new ArgumentException("Keys and true labels must cover the same records.", nameof(keys));
        }

        var (truePairs, blocked, lost) = engine.MeasureBlocking(keys, truth);
        return new BlockingQuality(keys.Count, engine.CandidatePairCount, truePairs, blocked, lost);
    }
}
