using System.Runtime.CompilerServices;
namespace ClusterSync.Core.Matching;

/// <summary>
/// Estimates the <see cref="FellegiSunterModel"/> from the data itself: u from random pairs; m and the
/// prior by EM over level patterns of pairs found without names (shared place, domain or phone) and of
/// candidate pairs of a sample of records.
/// </summary>
internal sealed class ModelEstimator(FeatureTable table, CandidateIndex index, MatchingSettings settings)
{
    /// <summary>The model of the records held, given each record's block ids from the bulk build.</summary>
    public FellegiSunterModel Estimate((int[] Starts, int[] Blocks) keysByRecord)
    {
        var live = table.LiveIndices().ToArray();
        var randomLevels = RandomLevels(live);
        var stride = Math.Max(1, live.Length / Math.Max(1, settings.EmSampleSize));
        var sample = live.Where((_, n) => n % stride == 0).ToArray();
        var nameBlocked = new Dictionary<ulong, int>();
        var candidates = new Dictionary<ulong, int>();
        var stamp = new int[table.Capacity];
        var byName = new int[table.Capacity];
        var found = new List<int>();
        var blocks = index.Blocks;
        foreach (var i in sample)
        {
            found.Clear();
            for (var k = keysByRecord.Starts[i]; k < keysByRecord.Starts[i + 1]; k++)
            {
                var block = keysByRecord.Blocks[k];
                index.CollectBlock(block, i, i + 1, stamp, onlyGreater: false, found);
                if (BlockingRules.UsesNames(blocks.KeyOf(block)) && index.WithinCap(block))
                {
                    // Pairs first found through another rule may also share a name block.
                    foreach (var j in blocks.MembersOf(block))
                    {
                        byName[j] = i + 1;
                    }
                }
            }

            foreach (var j in found)
            {
                var packed = CountPattern(candidates, i, j);
                if (byName[j] == i + 1)
                {
                    nameBlocked[packed] = nameBlocked.GetValueOrDefault(packed) + 1;
                }
            }
        }

        var nameFree = NameFreePatterns(sample);
        return FellegiSunterModel.Estimate(randomLevels, nameFree, nameBlocked, candidates, settings);
    }

    /// <summary>Level vectors of random pairs (all pairs when there are few).</summary>
    private List<sbyte[]> RandomLevels(int[] live)
    {
        var random = new Random(settings.Seed);
        var randomLevels = new List<sbyte[]>();
        var allPairs = (long)live.Length * (live.Length - 1) / 2;
        if (allPairs <= settings.USampleSize)
        {
            for (var a = 0; a < live.Length; a++)
            {
                for (var b = a + 1; b < live.Length; b++)
                {
                    randomLevels.Add(LevelsOf(live[a], live[b]));
                }
            }
        }
        else
        {
            for (var s = 0; s < settings.USampleSize; s++)
            {
                var a = live[random.Next(live.Length)];
                var b = live[random.Next(live.Length)];
                if (a != b)
                {
                    randomLevels.Add(LevelsOf(a, b));
                }
            }
        }

        return randomLevels;
    }

    private ulong CountPattern(Dictionary<ulong, int> patterns, int i, int j)
    {
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        Comparisons.Compare(table, table[i]!, table[j]!, settings.SharedDomainThreshold, levels);
        var key = FellegiSunterModel.Pack(levels);
        patterns[key] = patterns.GetValueOrDefault(key) + 1;
        return key;
    }

    /// <summary>Level patterns of pairs that share a place, domain or phone, found without looking at names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dictionary<ulong, int> NameFreePatterns(int[] sample)
    {
        var keys = new List<long>();
        var records = new List<int>();
        var scratch = new List<long>();
        foreach (var i in table.LiveIndices())
        {
            scratch.Clear();
            BlockingRules.NameFreeKeysOf(table, table[i]!, scratch);
            foreach (var key in scratch)
            {
                keys.Add(key);
                records.Add(i);
            }
        }

        var nameFree = new BlockIndex();
        nameFree.Build([.. keys], [.. records], keys.Count, table.Capacity);
        var patterns = new Dictionary<ulong, int>();
        var stamp = new int[table.Capacity];
        var random = new Random(settings.Seed + 1);
        foreach (var i in sample.Take(Math.Max(1, settings.EmSampleSize / 4)))
        {
            scratch.Clear();
            BlockingRules.NameFreeKeysOf(table, table[i]!, scratch);
            foreach (var key in scratch)
            {
                var (members, _) = nameFree.Members(key);
                // Large blocks (a city) are sampled rather than skipped: they are the least biased pairs.
                var take = Math.Min(members.Length, 20);
                for (var n = 0; n < take; n++)
                {
                    var j = members.Span[members.Length <= 20 ? n : random.Next(members.Length)];
                    if (j != i && stamp[j] != i + 1)
                    {
                        stamp[j] = i + 1;
                        CountPattern(patterns, i, j);
                    }
                }
            }
        }

        return patterns;
    }

    private sbyte[] LevelsOf(int a, int b)
    {
        var levels = new sbyte[Comparisons.Count];
        Comparisons.Compare(table, table[a]!, table[b]!, settings.SharedDomainThreshold, levels);
        return levels;
    }
}
