namespace ClusterSync.Synthetic.Generation;

/// <summary>
/// SplitMix64 generator: tiny, fast to seed and stable across runtimes, so a seed means the same data
/// everywhere (System.Random's seeded sequence is not a documented contract).
/// </summary>
internal struct SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>An independent stream for a (seed, a, b, c) coordinate, e.g. (seed, entity, purpose).</summary>
    public static SeededRandom For(ulong seed, long a, long b = 0, long c = 0) =>
        new(Mix(seed ^ Mix((ulong)a + 0x9E3779B97F4A7C15UL * (Mix((ulong)b) ^ Mix(Mix((ulong)c) + 0x632BE59BD9B4E019UL)))));

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound) => bound <= 1 ? 0 : (int)((NextULong() >> 33) * (ulong)bound >> 31);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public char Digit() => (char)('0' + Next(10));

    public char Letter() => (char)('A' + Next(26));
}
