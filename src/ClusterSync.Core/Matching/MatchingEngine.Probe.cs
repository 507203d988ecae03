using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>
    /// Scores one record that is not held against the held records, without changing them: the records its
    /// blocking keys reach (sub-blocked where a block is oversized), each scored and explained as a held pair
    /// would be, best first. At most <paramref name="limit"/> are returned.
    /// </summary>
    public IReadOnlyList<CandidateMatch> ScoreAgainst(MatchInput probe, int limit)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var features = _table.Probe(FeatureDraft.From(probe));
        var keys = new List<long>();
        BlockingRules.KeysOf(_table, features, _settings.MaxRareTokenFrequency, keys);
        var candidates = new HashSet<int>();
        foreach (var key in keys.Distinct())
        {
            var (baseMembers, overlay) = _blocks.Members(key);
            var size = baseMembers.Length + (overlay?.Count ?? 0);
            if (size <= BlockingRules.CapOf(key, _settings.MaxBlockSize))
            {
                candidates.UnionWith(baseMembers.ToArray());
                candidates.UnionWith(overlay ?? []);
                continue;
            }

            if (BlockingRules.IsExact(key))
            {
                features.FrequentName |= BlockingRules.IsExactName(key);
                var members = new List<int>(size);
                members.AddRange(baseMembers.Span);
                members.AddRange(overlay ?? []);
                SortedNeighbourhood.NeighboursOf(_table, features, int.MaxValue, members, candidates);
            }
        }

        RefreshDecisionIndex();
        var scored = new List<(int Index, double Weight)>();
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        foreach (var j in candidates)
        {
            if (_table[j] is not { } held || held.Key == probe.Key)
            {
                continue;
            }

            Comparisons.Compare(_table, features, held, _settings.SharedDomainThreshold, levels);
            var weight = Score(features, held, levels);
            scored.Add((j, weight));
        }

        return [.. scored
            .OrderByDescending(c => c.Weight).ThenBy(c => _table[c.Index]!.Key.ToString(), StringComparer.Ordinal)
            .Take(limit)
            .Select(c =>
            {
                var held = _table[c.Index]!;
                var explanation = ExplainPair(probe.Key, features, -1, held.Key, held, c.Index);
                return new CandidateMatch(held.Key, explanation.Probability, explanation.Weight, explanation.Outcome, explanation);
            })];
    }
}

/// <summary>A held record scored against a record that is not held (see <see cref="MatchingEngine.ScoreAgainst"/>).</summary>
/// <param name="Key">The held record.</param>
/// <param name="Probability">Match probability in [0, 1].</param>
/// <param name="Weight">Total match weight (log2 Bayes factor, prior included).</param>
/// <param name="Outcome"><c>match</c>, <c>review</c> or <c>non-match</c> by the thresholds.</param>
/// <param name="Explanation">Why the pair scored as it did (prior, each comparison, gate, union).</param>
public sealed record CandidateMatch(SourceRecordKey Key, double Probability, double Weight, string Outcome, PairExplanation Explanation);
