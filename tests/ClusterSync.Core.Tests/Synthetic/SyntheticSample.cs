using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

/// <summary>Data sets shared by several tests, generated once per test run.</summary>
internal static class SyntheticSample
{
    private static readonly Lazy<IReadOnlyList<SyntheticRecord>> TenThousand =
        new(() => [.. SyntheticDirectory.Generate(new SyntheticOptions { Count = 10_000, Seed = 42 })]);

    /// <summary>10,000 records, seed 42, default 20 % duplicates.</summary>
    public static IReadOnlyList<SyntheticRecord> Records => TenThousand.Value;

    /// <summary>The first record of each entity.</summary>
    public static IReadOnlyList<SyntheticRecord> Originals => [.. Records.Where(r => r.CopyIndex == 0)];
}
