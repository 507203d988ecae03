namespace ClusterSync.Synthetic.Generation;

/// <summary>Items with weights, picked by binary search over cumulative weights.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.Where(e => e.Weight > 0).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one entry needs a positive weight.", nameof(entries));
        }

        _items = new T[list.Count];
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            total += list[i].Weight;
            _items[i] = list[i].Item;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(ref SeededRandom random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
