using BenchmarkDotNet.Attributes;
using ClusterSync.Core.Matching;

namespace ClusterSync.Benchmarks;

/// <summary>
/// Our allocation-free Jaro-Winkler against F23.StringSimilarity's, on name words as the engine compares
/// them; the figure justifies hand-writing the hot loop. (Correctness is checked against Winkler's published
/// values in the unit tests.)
/// </summary>
[MemoryDiagnoser]
public class JaroWinklerBenchmarks
{
    private static readonly (string, string)[] Pairs =
    [
        ("photonics", "photnoics"), ("automotive", "aerospace"), ("cluster", "klaster"), ("bielsko", "bielsk"),
        ("mecanique", "mechanique"), ("hingston", "hingskon"), ("innovation", "innovazione"), ("maritime", "maritimes"),
        ("capell", "cpaell"), ("technologiezentrum", "transferzentrum"), ("lanyon", "lanyon"), ("zaandam", "zaanstad"),
    ];

    private readonly F23.StringSimilarity.JaroWinkler _library = new();

    [Benchmark(Baseline = true)]
    public double ClusterSync()
    {
        var sum = 0.0;
        foreach (var (a, b) in Pairs)
        {
            sum += JaroWinkler.Similarity(a, b);
        }

        return sum;
    }

    [Benchmark]
    public double F23StringSimilarity()
    {
        var sum = 0.0;
        foreach (var (a, b) in Pairs)
        {
            sum += _library.Similarity(a, b);
        }

        return sum;
    }
}
