using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClusterSync.Host;

/// <summary>The service's own traces and metrics (names start with <c>ClusterSync</c>).</summary>
public static class ClusterSyncTelemetry
{
    public const string Name = "ClusterSync";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("clustersync.sync.runs", description: "Sync runs by source and status");

    public static readonly Counter<long> RecordsNormalised =
        Meter.CreateCounter<long>("clustersync.sync.records.normalised", description: "Records normalised into schema v1");

    public static readonly Counter<long> RecordsQuarantined =
        Meter.CreateCounter<long>("clustersync.sync.records.quarantined", description: "Records quarantined with a reason");
}
