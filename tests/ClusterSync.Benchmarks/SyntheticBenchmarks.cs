using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClusterSync.Synthetic;

namespace ClusterSync.Benchmarks;

/// <summary>
/// Generation speed of the synthetic directory: records per second = Count / Mean. One core: the
/// generator is a single sequential enumerator.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SyntheticBenchmarks
{
    [Params(10_000, 1_000_000)]
    public int Count { get; set; }

    /// <summary>Streams the records and counts them.</summary>
    [Benchmark]
    public int Generate()
    {
        var count = 0;
        foreach (var record in SyntheticDirectory.Generate(new SyntheticOptions { Count = Count, Seed = 42 }))
        {
            count += record.Id.Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Streams the records into labelled CSV (discarded).</summary>
    [Benchmark]
    public int GenerateCsv() =>
        SyntheticCsv.Write(SyntheticDirectory.Generate(new SyntheticOptions { Count = Count, Seed = 42 }), TextWriter.Null, includeTruth: true);
}
