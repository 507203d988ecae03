using System.Runtime.CompilerServices;
namespace ClusterSync.Core.Matching;

/// <summary>
/// Blocking keys → record indices. A compact sorted base built in bulk, plus an overlay for records added
/// later (the warm index of the service), so that a change is matched without rebuilding anything.
/// </summary>
internal sealed class BlockIndex
{
    private long[] _keys = [];
    private int[] _starts = [0];
    private int[] _members = [];
    private readonly Dictionary<long, List<int>> _overlay = [];

    /// <summary>
    /// Builds the base from (key, record) pairs, which it takes over (both arrays are sorted in place, and the
    /// records become the blocks' members), and returns for every record the ids of its blocks, so that
    /// a bulk pass reaches each block directly instead of searching the sorted keys (cache misses dominate
    /// such searches at a million records).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int[] Starts, int[] Blocks) Build(long[] keys, int[] records, int count, int recordCount)
    {
        // Sized exactly, in passes over the sorted pairs: at a million records the pairs number tens of
        // millions, and growing lists or a block id per pair would double what blocking holds at its peak.
        Array.Sort(keys, records, 0, count);
        var blockCount = 0;
        for (var i = 0; i < count; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                blockCount++;
            }
        }

        _keys = new long[blockCount];
        _starts = new int[blockCount + 1];
        var block = -1;
        for (var i = 0; i < count; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                block++;
                _keys[block] = keys[i];
                _starts[block] = i;
            }
        }

        _starts[blockCount] = count;

        // The caller hands the records over: the sorted array becomes the members as it is.
        _members = count == records.Length ? records : records[..count];
        _overlay.Clear();

        var recordStarts = new int[recordCount + 1];
        for (var i = 0; i < count; i++)
        {
            recordStarts[_members[i] + 1]++;
        }

        for (var r = 0; r < recordCount; r++)
        {
            recordStarts[r + 1] += recordStarts[r];
        }

        var fill = (int[])recordStarts.Clone();
        var recordBlocks = new int[count];
        block = -1;
        for (var i = 0; i < count; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                block++;
            }

            recordBlocks[fill[_members[i]]++] = block;
        }

        return (recordStarts, recordBlocks);
    }

    /// <summary>Blocks of the base.</summary>
    public int BlockCount => _keys.Length;

    public long KeyOf(int block) => _keys[block];

    /// <summary>Members of a base block by id.</summary>
    public ReadOnlySpan<int> MembersOf(int block) => _members.AsSpan(_starts[block], _starts[block + 1] - _starts[block]);

    public int SizeOf(int block) => _starts[block + 1] - _starts[block];

    public void Add(long key, int record)
    {
        if (!_overlay.TryGetValue(key, out var list))
        {
            _overlay[key] = list = [];
        }

        list.Add(record);
    }

    /// <summary>Members of a block (base then overlay); removed records are filtered by the caller.</summary>
    public (ReadOnlyMemory<int> Base, List<int>? Overlay) Members(long key)
    {
        var i = Array.BinarySearch(_keys, key);
        var baseMembers = i >= 0 ? _members.AsMemory(_starts[i], _starts[i + 1] - _starts[i]) : ReadOnlyMemory<int>.Empty;
        return (baseMembers, _overlay.GetValueOrDefault(key));
    }

    public int SizeOf(long key)
    {
        var (b, o) = Members(key);
        return b.Length + (o?.Count ?? 0);
    }

    /// <summary>Every block with its members (base and overlay; removed records included), each once.</summary>
    public IEnumerable<(long Key, List<int> Members)> AllBlocks()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var members = new List<int>(_members.AsSpan(_starts[i], _starts[i + 1] - _starts[i]).ToArray());
            if (_overlay.TryGetValue(_keys[i], out var overlay))
            {
                members.AddRange(overlay);
            }

            yield return (_keys[i], members);
        }

        foreach (var (key, overlay) in _overlay)
        {
            if (Array.BinarySearch(_keys, key) < 0)
            {
                yield return (key, overlay);
            }
        }
    }

    /// <summary>Base blocks with at least two and at most <paramref name="maxSize"/> members.</summary>
    public IEnumerable<(long Key, ReadOnlyMemory<int> Members)> BaseBlocks(int maxSize)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var size = _starts[i + 1] - _starts[i];
            if (size >= 2 && size <= maxSize)
            {
                yield return (_keys[i], _members.AsMemory(_starts[i], size));
            }
        }
    }
}
