namespace ClusterSync.Core.Matching;

/// <summary>An edge of the match graph: a scored pair of record indices.</summary>
internal readonly record struct MatchEdge(int A, int B, float Weight);

/// <summary>
/// Clusters one connected component: auto-match edges are joined strongest first (must-links before any),
/// never across a cannot-link (none to check when <c>cannotLink</c> is null); then a cluster whose members do not cohere is split at its weakest link.
/// </summary>
internal static class ClusterBuilder
{
    public static List<List<int>> Cluster(
        IReadOnlyList<int> members,
        List<MatchEdge> edges,
        Func<int, int, bool> linked,
        Func<int, int, bool>? cannotLink,
        double minCohesion)
    {
        edges.Sort((x, y) =>
        {
            var byWeight = y.Weight.CompareTo(x.Weight);
            return byWeight != 0 ? byWeight : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B);
        });

        var position = new Dictionary<int, int>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            position[members[i]] = i;
        }

        var parent = new int[members.Count];
        var groups = new List<int>?[members.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
            groups[i] = [members[i]];
        }

        var trees = new List<MatchEdge>?[members.Count];
        foreach (var edge in edges)
        {
            var ra = Find(parent, position[edge.A]);
            var rb = Find(parent, position[edge.B]);
            if (ra == rb || (cannotLink is not null && Conflicts(groups[ra]!, groups[rb]!, cannotLink)))
            {
                continue;
            }

            if (groups[ra]!.Count < groups[rb]!.Count)
            {
                (ra, rb) = (rb, ra);
            }

            parent[rb] = ra;
            groups[ra]!.AddRange(groups[rb]!);
            groups[rb] = null;
            var tree = trees[ra] ??= [];
            if (trees[rb] is { } other)
            {
                tree.AddRange(other);
                trees[rb] = null;
            }

            tree.Add(edge);
        }

        var result = new List<List<int>>();
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i] is { } group)
            {
                SplitUntilCohesive(group, trees[i] ?? [], linked, minCohesion, result);
            }
        }

        foreach (var cluster in result)
        {
            cluster.Sort();
        }

        result.Sort((x, y) => x[0].CompareTo(y[0]));
        return result;
    }

    private static bool Conflicts(List<int> a, List<int> b, Func<int, int, bool> cannotLink)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (cannotLink(x, y))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A chain A–B–C–D… of pairwise links can join records that share nothing. A cluster coheres when at
    /// least <paramref name="minCohesion"/> of its member pairs are linked; otherwise its weakest tree edge is cut.
    /// </summary>
    private static void SplitUntilCohesive(List<int> group, List<MatchEdge> tree, Func<int, int, bool> linked, double minCohesion, List<List<int>> result)
    {
        if (group.Count < 3 || tree.Count == 0 || Cohesion(group, linked) >= minCohesion)
        {
            result.Add(group);
            return;
        }

        var weakest = tree.MinBy(e => (e.Weight, -e.A, -e.B));
        var rest = tree.Where(e => e != weakest).ToList();
        var side = Reachable(weakest.A, rest);
        var left = group.Where(side.Contains).ToList();
        var right = group.Where(m => !side.Contains(m)).ToList();
        SplitUntilCohesive(left, [.. rest.Where(e => side.Contains(e.A))], linked, minCohesion, result);
        SplitUntilCohesive(right, [.. rest.Where(e => !side.Contains(e.A))], linked, minCohesion, result);
    }

    private static double Cohesion(List<int> group, Func<int, int, bool> linked)
    {
        if (group.Count > 200)
        {
            return 1;
        }

        var pairs = 0;
        var links = 0;
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count; j++)
            {
                pairs++;
                if (linked(group[i], group[j]))
                {
                    links++;
                }
            }
        }

        return (double)links / pairs;
    }

    private static HashSet<int> Reachable(int start, List<MatchEdge> edges)
    {
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var e in edges)
            {
                var other = e.A == node ? e.B : e.B == node ? e.A : -1;
                if (other >= 0 && seen.Add(other))
                {
                    queue.Enqueue(other);
                }
            }
        }

        return seen;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }
}
