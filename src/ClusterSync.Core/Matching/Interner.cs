using System.Runtime.InteropServices;

namespace ClusterSync.Core.Matching;

/// <summary>Maps strings to dense ids and counts how many records use each (for term frequencies).</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly List<int> _counts = [];

    public int Count => _values.Count;

    /// <summary>Makes room for this many values without growing step by step (a bulk load's large arrays).</summary>
    public void EnsureCapacity(int capacity)
    {
        _ids.EnsureCapacity(capacity);
        _values.EnsureCapacity(capacity);
        _counts.EnsureCapacity(capacity);
    }

    public string this[int id] => _values[id];

    /// <summary>Id of the value (creating it), and counts one more use. Null or empty gives -1.</summary>
    public int Use(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return -1;
        }

        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
        if (!exists)
        {
            id = _values.Count;
            _values.Add(value);
            _counts.Add(0);
        }

        _counts[id]++;
        return id;
    }

    /// <summary>Counts one more use of an existing id.</summary>
    public void CountUse(int id) => _counts[id]++;

    /// <summary>Id of the value, creating it without counting a use.</summary>
    public int Intern(string value)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, value, out var exists);
        if (!exists)
        {
            id = _values.Count;
            _values.Add(value);
            _counts.Add(0);
        }

        return id;
    }

    public int Find(string? value) => value is not null && _ids.TryGetValue(value, out var id) ? id : -1;

    /// <summary>Forgets one use (when a record is replaced or removed).</summary>
    public void Release(int id)
    {
        if (id >= 0 && _counts[id] > 0)
        {
            _counts[id]--;
        }
    }

    public int UsesOf(int id) => id < 0 ? 0 : _counts[id];
}
