using System.Diagnostics;
using System.Globalization;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Synthetic;

namespace ClusterSync.Benchmarks;

/// <summary>
/// Prints the figures of the service's warm index: how long a start-up rebuild of the resolver takes for
/// N schema v1 records, and how long 1,000 changed records take against it (resolver update plus
/// directory reconciliation with golden records, in memory). Run:
/// <c>dotnet run -c Release --project tests/ClusterSync.Benchmarks -- incremental [N] [changes]</c>.
/// </summary>
internal static class IncrementalScale
{
    public static void Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var changes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
        var clock = Stopwatch.StartNew();
        var empty = HeapBytes();
        var generated = SyntheticDirectory.Generate(new SyntheticOptions { Count = count + changes, Seed = 7 }).ToList();
        Report(clock, $"generated {generated.Count:N0} synthetic records");

        var records = new SourceRecord[generated.Count];
        Parallel.For(0, generated.Count, i => records[i] = Normalise(generated[i]));
        generated.Clear();
        Report(clock, "normalised into schema v1");

        var warm = records.Take(count).Where(r => r is not null).ToList();
        var added = records.Skip(count).Where(r => r is not null).Take(changes / 2).ToList();
        var updated = warm.Take(changes - added.Count).Select(r => RecordJson.WithContentHash(r with { Phone = null, Name = r.Name + " e.V." })).ToList();
        records = null!;
        var keys = warm.Select(r => r.Key).ToList();
        var before = HeapBytes();

        var resolver = new EntityResolver(new MatchingSettings());
        var load = Stopwatch.StartNew();
        resolver.Load(warm, []);
        load.Stop();
        warm = null!;
        var resolverBytes = HeapBytes() - before;
        Report(clock, $"rebuild of the warm index from {keys.Count:N0} records: {load.Elapsed.TotalSeconds:0.00} s");

        var membership = new DirectoryMembership();
        var reconciler = new DirectoryReconciler(Survivorship.Default, DirectoryIds.New);
        Publish(reconciler, resolver, membership, keys);
        Report(clock, $"directory of {membership.OrganisationCount:N0} organisations built with their golden records");

        // The warm index: the resolver (its records and the engine) and the directory's membership, with the
        // generated data released; the benchmark's list of keys is counted out.
        var held = HeapBytes() - before;
        Report(clock, $"the warm index holds {(held + before - empty) / (1024.0 * 1024 * 1024):0.00} GB of managed heap: "
            + $"{(before - empty) / (1024.0 * 1024 * 1024):0.00} GB its {resolver.Count:N0} schema v1 records, {resolverBytes / (1024.0 * 1024 * 1024):0.00} GB the matching engine, "
            + $"{(held - resolverBytes) / (1024.0 * 1024 * 1024):0.00} GB the directory's membership");
        var run = Stopwatch.StartNew();
        var dirty = resolver.Apply([.. added, .. updated], [], []);
        var applied = run.Elapsed;
        var reconciliation = reconciler.Reconcile(resolver, membership, dirty);
        run.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{added.Count + updated.Count:N0} changed records ({added.Count:N0} new, {updated.Count:N0} updated) against a warm index of {keys.Count:N0}: "
            + $"{run.Elapsed.TotalMilliseconds:N0} ms (resolver {applied.TotalMilliseconds:N0} ms, reconciliation {(run.Elapsed - applied).TotalMilliseconds:N0} ms); "
            + $"{dirty.Count:N0} records re-examined, {reconciliation.Organisations.Count:N0} organisations written"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB on {Environment.ProcessorCount} processors"));
    }

    private static SourceRecord Normalise(SyntheticRecord r)
    {
        var raw = new RawOrganisation
        {
            Source = "synthetic",
            SourceId = r.Id,
            Name = r.Name,
            Acronym = r.Acronym,
            Country = r.Country,
            Region = r.Region,
            Locality = r.City,
            PostalCode = r.PostalCode,
            Street = r.Street,
            Website = r.Website,
            Email = r.Email,
            Phone = r.Phone,
            Latitude = r.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = r.Longitude?.ToString(CultureInfo.InvariantCulture),
            YearFounded = r.Founded?.ToString(CultureInfo.InvariantCulture),
            Sectors = [.. (r.Sectors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Split(':', 2)).Where(p => p.Length == 2).Select(p => new RawSector(p[0], p[1]))],
        };
        return OrganisationNormaliser.Default.Normalise(raw).Record!;
    }

    /// <summary>In a method of its own, so that no stack slot keeps the large first reconciliation alive afterwards.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Publish(DirectoryReconciler reconciler, EntityResolver resolver, DirectoryMembership membership, List<SourceRecordKey> keys) =>
        membership.Apply(reconciler.Reconcile(resolver, membership, keys));

    private static long HeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(Stopwatch clock, string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,7:0.0} s] {message}"));
}
