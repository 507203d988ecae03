namespace ClusterSync.Core.Sync;

/// <summary>
/// Named points of a sync a probe can watch: after reading, after change detection, after reconciliation, and inside
/// the publication transaction once everything is written but nothing is committed. The service runs without a probe;
/// the crash tests use one that stops the process at a point so that it can be killed there.
/// </summary>
public interface ISyncProbe
{
    ValueTask ReachedAsync(string point, CancellationToken cancellationToken);
}

/// <summary>The points <see cref="ISyncProbe"/> is told about.</summary>
public static class SyncProbePoints
{
    public const string Read = "read";
    public const string Detected = "detected";
    public const string Reconciled = "reconciled";
    public const string Publishing = "publishing";

    public static IReadOnlyList<string> All { get; } = [Read, Detected, Reconciled, Publishing];
}
