using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClusterSync.Core.Matching;
using nietras.SeparatedValues;

namespace ClusterSync.Batch;

/// <summary>The <c>resolve</c> and <c>evaluate</c> commands: the matching engine over a CSV, no database, no server.</summary>
public static class BatchResolution
{
    /// <summary>Inputs at least this long get progress lines on stderr.</summary>
    public const int ProgressThreshold = 20_000;

    public static async Task<int> ResolveAsync(string input, string output, MatchingSettings settings, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();

        // The engine takes the rows chunk by chunk as they are read, so their prepared forms die young.
        settings.KeepReviewPairs = false;
        var engine = new MatchingEngine(settings);
        var rows = ResolveInput.Read(input, requireTruth: false, keepInputs: false, take: engine.AddPrepared);
        var progress = Progress(rows.Count, clock, stderr);
        progress?.Report($"read and normalised {rows.Count:N0} rows, their features interned");
        engine.CompleteLoad([], progress);
        var labels = Labels(rows, engine, progress);
        await WriteAsync(output, rows.Ids, labels);
        var clusters = labels.Distinct(StringComparer.Ordinal).Count();
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"resolved {rows.Count:N0} records into {clusters:N0} clusters in {clock.Elapsed.TotalSeconds:0.0} s (peak memory {PeakMemoryMb():N0} MB); wrote {output}"));
        await stdout.WriteLineAsync(QuarantineLine(rows));
        return 0;
    }

    public static async Task<int> EvaluateAsync(string input, string? output, MatchingSettings settings, TextWriter stdout, TextWriter stderr, bool showModel = false)
    {
        var clock = Stopwatch.StartNew();
        var rows = ResolveInput.Read(input, requireTruth: true);
        var progress = Progress(rows.Count, clock, stderr);
        var truth = rows.TrueClusters.Select(t => t!).ToList();
        var inputs = rows.Inputs;
        var engineSeconds = clock.Elapsed.TotalSeconds;
        var (labels, engine) = Cluster(rows, settings, progress, keepInputs: true);
        engineSeconds = clock.Elapsed.TotalSeconds - engineSeconds;
        var blocking = BlockingQuality.Measure(engine, [.. inputs.Select(i => i.Key)], [.. rows.InputRows.Select(i => truth[i])]);
        if (output is not null)
        {
            await WriteAsync(output, rows.Ids, labels);
        }

        var results = new (string Name, LinkageMetrics Metrics)[]
        {
            ("ClusterSync", LinkageMetrics.Compute(labels, truth)),
            ("baseline: exact name key", LinkageMetrics.Compute(EveryRow(rows, Baselines.ExactNameKey(inputs)), truth)),
            ("baseline: name key or domain", LinkageMetrics.Compute(EveryRow(rows, Baselines.NameKeyOrDomain(inputs)), truth)),
        };
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count:N0} records, {truth.Distinct().Count():N0} true clusters, {results[0].Metrics.TruePairs:N0} true pairs; ClusterSync took {engineSeconds:0.0} s"));
        await stdout.WriteLineAsync("method                          pair-P  pair-R  pair-F1  B3-P    B3-R    B3-F1");
        foreach (var (name, m) in results)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name,-31} {m.Precision,6:0.0000}  {m.Recall,6:0.0000}  {m.F1,6:0.0000}   {m.BCubedPrecision,6:0.0000}  {m.BCubedRecall,6:0.0000}  {m.BCubedF1,6:0.0000}"));
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"blocking: {blocking.CandidatePairs:N0} candidate pairs, pair completeness {blocking.PairCompleteness:0.0000} ({blocking.TruePairsBlocked:N0} of {blocking.TruePairs:N0} true pairs), reduction ratio {blocking.ReductionRatio:0.000000}; {blocking.TruePairsLostToCaps:N0} true pairs lost to the block size caps"));
        await stdout.WriteLineAsync(QuarantineLine(rows));
        if (CaseBreakdown.ReadCases(input, rows.Count) is { } cases)
        {
            await CaseBreakdown.WriteAsync(CaseBreakdown.Compute(labels, truth, cases), results[0].Name, stdout);
        }

        if (showModel)
        {
            await WriteModelAsync(engine.DescribeModel(), stdout);
        }

        return 0;
    }

    /// <summary>The estimated model: priors, then every comparison level with m, u and weight.</summary>
    private static async Task WriteModelAsync(ModelSummary model, TextWriter stdout)
    {
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"model: prior {model.PriorMatchProbability:0.#####} over all candidate pairs"));
        foreach (var prior in model.PriorsByEvidence)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  prior {prior.PriorMatchProbability:0.#####} for pairs with {prior.Evidence}"));
        }

        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {comparison.Name,-9} {level.Level,-62} m {level.M,8:0.#####}  u {level.U,8:0.#####}  weight {level.Weight,6:0.00}"));
            }
        }
    }

    /// <summary>
    /// Cluster label per row: the id of the cluster's first row in input order; a quarantined row, which the
    /// engine never sees, is its own cluster.
    /// </summary>
    internal static (string[] Labels, MatchingEngine Engine) Cluster(ResolveRows rows, MatchingSettings settings, IProgress<string>? progress, bool keepInputs)
    {
        settings.KeepReviewPairs = false;
        var engine = new MatchingEngine(settings);

        // The engine keeps what it compares; unless evaluation needs them, the prepared rows go as it takes them.
        engine.Load(rows.Prepared, [], release: !keepInputs, progress);
        return (Labels(rows, engine, progress), engine);
    }

    /// <summary>Cluster label per row from a loaded engine (see <see cref="Cluster"/>).</summary>
    private static string[] Labels(ResolveRows rows, MatchingEngine engine, IProgress<string>? progress)
    {
        var clusterOf = engine.ClusterAll();
        progress?.Report("clustered");
        var firstId = new Dictionary<int, string>();
        var labels = (string[])rows.Ids.Clone();
        for (var k = 0; k < rows.InputRows.Length; k++)
        {
            var row = rows.InputRows[k];
            var cluster = clusterOf[k];
            if (!firstId.TryGetValue(cluster, out var id))
            {
                firstId[cluster] = id = rows.Ids[row];
            }

            labels[row] = id;
        }

        return labels;
    }

    /// <summary>A baseline's labels of the normalised rows spread over every row, a quarantined row being its own cluster.</summary>
    private static string[] EveryRow(ResolveRows rows, string[] inputLabels)
    {
        var labels = rows.Ids.Select(id => "q:" + id).ToArray();
        for (var k = 0; k < inputLabels.Length; k++)
        {
            labels[rows.InputRows[k]] = inputLabels[k];
        }

        return labels;
    }

    /// <summary>How many rows normalisation quarantined, and why the first was.</summary>
    private static string QuarantineLine(ResolveRows rows) => rows.Quarantined.Count == 0
        ? "quarantined by normalisation: none"
        : string.Create(CultureInfo.InvariantCulture,
            $"quarantined by normalisation: {rows.Quarantined.Count:N0} of {rows.Count:N0} records, each left its own cluster (the first, row {rows.Quarantined[0].Row} with id '{rows.Quarantined[0].Id}': {rows.Quarantined[0].Reason})");

    private static async Task WriteAsync(string path, string[] ids, string[] labels)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        await using var stream = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(stream, leaveOpen: true);
        writer.Header.Add(["id", "cluster_id"]);
        await writer.Header.WriteAsync();
        for (var i = 0; i < ids.Length; i++)
        {
            using var row = writer.NewRow();
            row[0].Set(ids[i]);
            row[1].Set(labels[i]);
        }
    }

    private static IProgress<string>? Progress(int rows, Stopwatch clock, TextWriter stderr) =>
        rows < ProgressThreshold ? null : new ImmediateProgress(message =>
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message} (GC pauses so far {GC.GetTotalPauseDuration().TotalSeconds:0.0} s, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, heap {GC.GetTotalMemory(false) / (1024 * 1024):N0} MB)")));

    private static long PeakMemoryMb() => Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class ImmediateProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
