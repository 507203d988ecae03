using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Matching;

/// <summary>Naive clusterings every figure of the engine is compared with.</summary>
public static class Baselines
{
    /// <summary>Records with the same name matching key (legal form removed, folded) are one cluster.</summary>
    public static string[] ExactNameKey(IReadOnlyList<MatchInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return [.. inputs.Select(i => "n:" + NameKey(i))];
    }

    /// <summary>Records sharing a name key or a web domain are one cluster (transitively).</summary>
    public static string[] NameKeyOrDomain(IReadOnlyList<MatchInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var parent = Enumerable.Range(0, inputs.Count).ToArray();
        var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            Join(firstByName, NameKey(inputs[i]), i);
            if (inputs[i].WebsiteDomain is { Length: > 0 } domain)
            {
                Join(firstByDomain, domain, i);
            }
        }

        return [.. Enumerable.Range(0, inputs.Count).Select(i => "c:" + Find(i))];

        void Join(Dictionary<string, int> first, string key, int i)
        {
            if (first.TryGetValue(key, out var j))
            {
                parent[Find(i)] = Find(j);
            }
            else
            {
                first[key] = i;
            }
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }
    }

    private static string NameKey(MatchInput input) => NameAnalyser.Default.Analyse(input.Name, input.Country).MatchingKey;
}
