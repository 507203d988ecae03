namespace ClusterSync.Synthetic.Generation;

/// <summary>
/// Decides which entity (and which copy of it) sits at each output position. Entities 0…E-1 appear once
/// each; the D = round(Count × DuplicateRate) extra copies go to a spread-out subset of entities, in
/// blocks of 20 entities with 1, 2, 3 or 4 extra copies (12, 5, 2 and 1 of them: 32 copies a block).
/// A seeded Fisher–Yates shuffle of the slots keeps copies of an entity apart.
/// </summary>
internal sealed class RecordLayout
{
    private const int EntitiesPerBlock = 20;
    private static readonly (int Entity, int Copy)[] Block = BuildBlock();
    private static readonly int CopiesPerBlock = Block.Length;

    private readonly int[] _order;
    private readonly long _stride;

    public RecordLayout(int count, double duplicateRate, ulong seed)
    {
        Duplicates = Math.Min((int)Math.Round(count * duplicateRate, MidpointRounding.AwayFromZero), Math.Max(count - 1, 0));
        Entities = count - Duplicates;
        _stride = CoprimeStride(Entities);
        _order = new int[count];
        for (var i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        var random = SeededRandom.For(seed, -1);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }

    public int Entities { get; }

    public int Duplicates { get; }

    /// <summary>The entity and copy number (0 = first record) at an output position.</summary>
    public (int Entity, int Copy) At(int position)
    {
        var slot = _order[position];
        if (slot < Entities)
        {
            return (slot, 0);
        }

        var duplicate = slot - Entities;
        var (entityInBlock, copy) = Block[duplicate % CopiesPerBlock];
        var ordinal = (long)(duplicate / CopiesPerBlock) * EntitiesPerBlock + entityInBlock;

        // Only tiny sets run out of entities; later rounds then get higher copy numbers, never a repeat.
        var round = (int)(ordinal / Entities);
        return ((int)(ordinal % Entities * _stride % Entities), copy + round * EntitiesPerBlock);
    }

    private static (int, int)[] BuildBlock()
    {
        int[] extraCopies = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4];
        var block = new List<(int, int)>();
        for (var entity = 0; entity < EntitiesPerBlock; entity++)
        {
            for (var copy = 1; copy <= extraCopies[entity]; copy++)
            {
                block.Add((entity, copy));
            }
        }

        return [.. block];
    }

    /// <summary>A stride coprime with n, so <c>k × stride mod n</c> visits every entity once.</summary>
    private static long CoprimeStride(int n)
    {
        if (n <= 2)
        {
            return 1;
        }

        var stride = (long)(n * 0.6180339887) | 1;
        while (Gcd(stride, n) != 1)
        {
            stride += 2;
        }

        return stride % n;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
