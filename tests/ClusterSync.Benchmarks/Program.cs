using BenchmarkDotNet.Running;
using ClusterSync.Benchmarks;

// `incremental [N] [changes]` prints the warm-index figures; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "incremental")
{
    IncrementalScale.Run(args);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
