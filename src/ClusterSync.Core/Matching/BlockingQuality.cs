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

    /// <summary>
    /// True pairs; those blocking brings together directly or through a chain of candidate pairs within
    /// their true cluster; and those only an oversized block shares (lost to the caps).
    /// </summary>
    internal static (long TruePairs, long Blocked, long LostToCaps) Count(
        FeatureTable table, CandidateIndex index, IReadOnlyList<SourceRecordKey> keys, IReadOnlyList<string> truth)
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelOf = new int[table.Capacity];
        Array.Fill(labelOf, -1);
        var sizes = new List<long>();
        for (var k = 0; k < keys.Count; k++)
        {
            if (!labels.TryGetValue(truth[k], out var label))
            {
                labels[truth[k]] = label = labels.Count;
                sizes.Add(0);
            }

            sizes[label]++;
            if (table.TryGetIndex(keys[k], out var i))
            {
                labelOf[i] = label;
            }
        }

        var capped = new DisjointSets(table.Capacity);
        var uncapped = new DisjointSets(table.Capacity);
        var firstOfLabel = new Dictionary<int, int>();
        foreach (var (key, members) in index.Blocks.AllBlocks())
        {
            var withinCap = members.Count <= index.CapOf(key);
            firstOfLabel.Clear();
            foreach (var m in members.Where(m => table[m] is not null && labelOf[m] >= 0))
            {
                if (firstOfLabel.TryGetValue(labelOf[m], out var first))
                {
                    uncapped.Union(first, m);
                    if (withinCap)
                    {
                        capped.Union(first, m);
                    }
                }
                else
                {
                    firstOfLabel[labelOf[m]] = m;
                }
            }
        }

        foreach (var (a, b) in index.SubBlockPairs())
        {
            if (labelOf[a] >= 0 && labelOf[a] == labelOf[b] && table[a] is not null && table[b] is not null)
            {
                capped.Union(a, b);
            }
        }

        var blocked = capped.PairsWithin();
        return (sizes.Sum(n => n * (n - 1) / 2), blocked, uncapped.PairsWithin() - blocked);
    }
}
