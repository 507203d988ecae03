using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// How well blocking did on labelled data: pair completeness (the share of true pairs that blocking
/// brought together, an upper bound on recall) and reduction ratio (the share of all possible pairs it
/// spared from scoring).
/// </summary>
public sealed record BlockingQuality(long Records, long CandidatePairs, long TruePairs, long TruePairsBlocked)
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

        long truePairs = 0, blocked = 0;
        foreach (var members in Enumerable.Range(0, keys.Count).GroupBy(i => truth[i], StringComparer.Ordinal))
        {
            var list = members.ToList();
            for (var x = 0; x < list.Count; x++)
            {
                for (var y = x + 1; y < list.Count; y++)
                {
                    truePairs++;
                    if (engine.AreCandidates(keys[list[x]], keys[list[y]]))
                    {
                        blocked++;
                    }
                }
            }
        }

        return new BlockingQuality(keys.Count, engine.CandidatePairCount, truePairs, blocked);
    }
}
