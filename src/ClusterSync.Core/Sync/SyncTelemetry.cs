using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClusterSync.Core.Sync;

/// <summary>Traces and metrics of sync runs (source and meter <c>ClusterSync.Sync</c>).</summary>
public static class SyncTelemetry
{
    public const string Name = "ClusterSync.Sync";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("clustersync.sync.runs", description: "Sync runs by source and status");

    public static readonly Counter<long> RecordsNormalised =
        Meter.CreateCounter<long>("clustersync.sync.records.normalised", description: "Records normalised into schema v1");

    public static readonly Counter<long> RecordsQuarantined =
        Meter.CreateCounter<long>("clustersync.sync.records.quarantined", description: "Records quarantined with a reason");
}
