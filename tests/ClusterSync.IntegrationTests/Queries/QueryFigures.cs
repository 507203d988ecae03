using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;
using ClusterSync.IntegrationTests.Feed;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using ClusterSync.Synthetic;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>
/// The queries' figures for docs/benchmarks.md, over a directory of generated organisations (100,000, or
/// <c>CLUSTERSYNC_FIGURES_RECORDS</c>) served by a real host process: query latency at a fixed rate, measured by the
/// load generator in <c>tools/load</c> (autocannon; <c>CLUSTERSYNC_LOAD_TOOL</c> names that folder, after
/// <c>npm ci</c> in it), and the time and peak memory of a CSV export through the API and through the <c>export</c> verb.
/// Run on demand (explicit); they print rather than assert.
/// </summary>
[Explicit("A measurement, not a test: docs/benchmarks.md says how to run it.")]
[Category("Figures")]
[NonParallelizable]
public sealed class QueryFigures
{
    [TestCase(StorageProvider.Postgres)]
    [TestCase(StorageProvider.Sqlite)]
    public async Task Query_latency_at_a_fixed_rate_and_a_csv_export(StorageProvider provider)
    {
        var tool = Environment.GetEnvironmentVariable("CLUSTERSYNC_LOAD_TOOL");
        Assume.That(tool is not null && File.Exists(Path.Combine(tool, "query-load.js")), "CLUSTERSYNC_LOAD_TOOL names the tools/load folder");
        var count = int.TryParse(Environment.GetEnvironmentVariable("CLUSTERSYNC_FIGURES_RECORDS"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var rate = int.TryParse(Environment.GetEnvironmentVariable("CLUSTERSYNC_FIGURES_RATE"), CultureInfo.InvariantCulture, out var r) ? r : 200;

        await using var db = await TestDatabase.CreateAsync(provider);
        var (records, words) = Generate(count);
        var publishing = Stopwatch.GetTimestamp();
        await new DirectoryPublisher(db.Services, "eccp", matching: false).PublishAsync(records);
        var published = Stopwatch.GetElapsedTime(publishing);

        using var host = HostProcess.Start(
        [
            $"--Storage:Provider={provider}", $"--ConnectionStrings:ClusterSync={db.ConnectionString}", "--RateLimits:Enabled=false",
            "--Scheduling:Enabled=false", "--Sources:UsClusterMapping:Enabled=false", "--Sources:Eccp:Enabled=false", "--Logging:LogLevel:Default=Warning",
        ]);
        await host.WaitUntilAsync(async c => (await c.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromMinutes(3), "the host to be ready");
        var idle = ResidentBytes(host.ProcessId);

        var paths = Path.GetTempFileName();
        await File.WriteAllLinesAsync(paths, Paths(words, records));
        await RunLoadAsync(tool!, host.Address, paths, rate, seconds: 5); // warm-up
        var load = await RunLoadAsync(tool!, host.Address, paths, rate, seconds: 30);
        File.Delete(paths);

        // Each kind of request alone, one at a time: where the time goes.
        var kinds = new List<string>();
        foreach (var group in Paths(words, records).Select((path, i) => (Kind: i % 8, Path: path)).GroupBy(p => p.Kind))
        {
            var times = new List<double>();
            foreach (var (_, path) in group.Take(12))
            {
                var started = Stopwatch.GetTimestamp();
                using var answer = await host.Client.GetAsync(path);
                await answer.Content.ReadAsByteArrayAsync();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var sorted = times.Order().ToList();
            kinds.Add($"{group.First().Path.Split('?')[0]}?{string.Join('&', group.First().Path.Split('?').ElementAtOrDefault(1)?.Split('&').Select(a => a.Split('=')[0]) ?? [])}: median {sorted[sorted.Count / 2]:F0} ms, max {sorted[^1]:F0} ms");
        }

        // The CSV export through the API, with the server's resident memory sampled while it streams.
        var peak = new PeakSampler(host.ProcessId);
        var exporting = Stopwatch.GetTimestamp();
        long bytes;
        using (var response = await host.Client.GetAsync("/v1/organisations/export?format=csv", HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            bytes = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }
        }

        var apiExport = Stopwatch.GetElapsedTime(exporting);
        var apiPeak = await peak.StopAsync();
        host.Kill();

        // The export verb in a process of its own: its wall time and peak resident memory.
        var output = Path.GetTempFileName();
        var verbStart = Stopwatch.GetTimestamp();
        using var verb = HostProcess.StartVerb(["export", "--format", "csv", "--output", output, $"--Storage:Provider={provider}", $"--ConnectionStrings:ClusterSync={db.ConnectionString}"]);
        var verbPeak = new PeakSampler(verb.ProcessId, "VmHWM:");
        Assert.That(verb.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, verb.Output);
        var verbTime = Stopwatch.GetElapsedTime(verbStart);
        var verbMemory = await verbPeak.StopAsync();
        Assert.That(verb.ExitCode, Is.Zero, verb.Output);
        var verbBytes = new FileInfo(output).Length;
        File.Delete(output);

        TestContext.Out.WriteLine($"{provider}: {count:N0} organisations published in {published.TotalSeconds:F1} s; server resident after start {idle / 1048576} MiB");
        TestContext.Out.WriteLine($"{provider}: queries at {rate}/s for 30 s: {load}");
        TestContext.Out.WriteLine($"{provider}: one at a time: {string.Join("; ", kinds)}");
        TestContext.Out.WriteLine($"{provider}: CSV export through GET /v1/organisations/export: {bytes / 1048576.0:F1} MiB in {apiExport.TotalSeconds:F2} s; server peak resident {apiPeak / 1048576} MiB (after start {idle / 1048576} MiB)");
        TestContext.Out.WriteLine($"{provider}: `export --format csv --output F` process: {verbBytes / 1048576.0:F1} MiB in {verbTime.TotalSeconds:F2} s (process start included); peak resident {verbMemory / 1048576} MiB");
    }

    private static (List<SourceRecord> Records, List<string> Words) Generate(int count)
    {
        var records = new List<SourceRecord>(count);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in SyntheticDirectory.Generate(new SyntheticOptions { Count = count, Seed = 7, DuplicateRate = 0 }))
        {
            var outcome = OrganisationNormaliser.Default.Normalise(new RawOrganisation
            {
                Source = "eccp",
                SourceId = s.Id,
                Name = s.Name,
                Acronym = s.Acronym,
                Country = s.Country,
                Locality = s.City,
                PostalCode = s.PostalCode,
                Street = s.Street,
                Website = s.Website,
                Latitude = s.Latitude?.ToString(CultureInfo.InvariantCulture),
                Longitude = s.Longitude?.ToString(CultureInfo.InvariantCulture),
                Sectors = [.. (s.Sectors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(p => p.Split(':', 2) is [var scheme, var code] ? new RawSector(scheme, code) : new RawSector("", p))],
                YearFounded = s.Founded?.ToString(CultureInfo.InvariantCulture),
            });
            if (outcome.Record is { } record)
            {
                records.Add(record);
                if (words.Count < 400 && s.Name is { } name)
                {
                    words.Add(name.Split(' ')[0]);
                }
            }
        }

        return (records, [.. words]);
    }

    /// <summary>An analyst's mix: searches (one word, two words), filtered and faceted lists, sorted pages, one organisation.</summary>
    private static IEnumerable<string> Paths(List<string> words, List<SourceRecord> records)
    {
        string[] countries = ["DE", "FR", "PL", "US", "ES", "IT", "GR", "BG"];
        for (var i = 0; i < 400; i++)
        {
            var word = Uri.EscapeDataString(words[i % words.Count]);
            var country = countries[i % countries.Length];
            yield return (i % 8) switch
            {
                0 or 1 => $"/v1/organisations?q={word}",
                2 => $"/v1/organisations?q={word}&country={country}",
                3 => $"/v1/organisations?country={country}&sort=name",
                4 => $"/v1/organisations/facets?q={word}",
                5 => $"/v1/organisations/facets?country={country}",
                6 => $"/v1/organisations?q={word}%20{Uri.EscapeDataString(words[(i + 7) % words.Count])}&limit=20",
                _ => $"/v1/organisations?source=eccp&country={country}&limit=50",
            };
        }
    }

    private static async Task<string> RunLoadAsync(string tool, Uri address, string paths, int rate, int seconds)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(tool, "query-load.js"), address.ToString().TrimEnd('/'), paths, rate.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        var line = (await stdout).Trim();
        using var result = JsonDocument.Parse(line);
        Assert.That(result.RootElement.GetProperty("non2xx").GetInt32(), Is.Zero, line);
        return line;
    }

    private static long ResidentBytes(int processId, string field = "VmRSS:")
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>Samples a process's resident memory (or its high-water mark) every 20 ms until stopped or the process ends; the peak seen.</summary>
    private sealed class PeakSampler
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public PeakSampler(int processId, string field = "VmRSS:") => _sampling = Task.Run(async () =>
        {
            long peak = 0;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    peak = Math.Max(peak, ResidentBytes(processId, field));
                }
                catch (IOException)
                {
                    break;
                }

                await Task.Delay(20);
            }

            return peak;
        });

        public async Task<long> StopAsync()
        {
            await _stop.CancelAsync();
            var peak = await _sampling;
            _stop.Dispose();
            return peak;
        }
    }
}
