namespace ClusterSync.Core.Matching;

/// <summary>Union–find over indices 0…n-1 (path halving; the smaller root wins, so results are repeatable).</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;

    public DisjointSets(int count)
    {
        _parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    public void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    /// <summary>Pairs of elements in the same set.</summary>
    public long PairsWithin()
    {
        var sizes = new Dictionary<int, long>();
        for (var i = 0; i < _parent.Length; i++)
        {
            var root = Find(i);
            sizes[root] = sizes.GetValueOrDefault(root) + 1;
        }

        return sizes.Values.Sum(n => n * (n - 1) / 2);
    }
}
