using System.Runtime.InteropServices;

namespace ClusterSync.Core.Matching;

/// <summary>Maps strings to dense ids and counts how many records use each (for term frequencies).</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly List<int> _counts = [];

    private int _capacity;

    public int Count => _values.Count;

    /// <summary>
    /// Makes room for this many values without growing step by step (a bulk load's large arrays). Grows at least
    /// twofold when it grows: called for every chunk of a load, an exact size would rehash the whole vocabulary each time.
    /// </summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= _capacity)
        {
            return;
        }

        _capacity = Grown(_ids, _capacity, capacity);
        _values.EnsureCapacity(_capacity);
        _counts.EnsureCapacity(_capacity);
    }

    /// <summary>
    /// Makes room in <paramref name="dictionary"/> for <paramref name="required"/> entries, at least doubling the room
    /// made before (<paramref name="capacity"/>, 0 at first) when it must grow; returns the room now made.
    /// <see cref="Dictionary{TKey, TValue}.EnsureCapacity"/> alone grows to the exact size asked for.
    /// </summary>
    internal static int Grown<TKey, TValue>(Dictionary<TKey, TValue> dictionary, int capacity, int required)
        where TKey : notnull
    {
        if (required <= capacity)
        {
            return capacity;
        }

        var grown = capacity == 0 ? required : (int)Math.Min(Array.MaxLength, Math.Max(required, 2L * capacity));
        return dictionary.EnsureCapacity(grown);
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
