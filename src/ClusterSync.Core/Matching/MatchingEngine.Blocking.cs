using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>Candidate pairs that blocking produced in the last bulk <c>Load</c>.</summary>
    public long CandidatePairCount { get; private set; }

    /// <summary>
    /// Whether blocking brings two records together: they share at least one block that is within its size
    /// cap, or they are neighbours in the sorted neighbourhood of an oversized exact-key block, so the pair
    /// is scored. Unknown keys are never candidates.
    /// </summary>
    public bool AreCandidates(SourceRecordKey left, SourceRecordKey right)
    {
        if (!_table.TryGetIndex(left, out var a) || !_table.TryGetIndex(right, out var b) || a == b
            || _table[a] is not { } features)
        {
            return false;
        }

        if (SubBlockNeighbours(a, b))
        {
            return true;
        }

        var keys = new List<long>();
        BlockingRules.KeysOf(_table, features, _settings.MaxRareTokenFrequency, keys);
        foreach (var key in keys)
        {
            var (baseMembers, overlay) = _blocks.Members(key);
            if (baseMembers.Length + (overlay?.Count ?? 0) > BlockingRules.CapOf(key, _settings.MaxBlockSize))
            {
                continue;
            }

            if (baseMembers.Span.Contains(b) || (overlay?.Contains(b) ?? false))
            {
                return true;
            }
        }

        return false;
    }
}
