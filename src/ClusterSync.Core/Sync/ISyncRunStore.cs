namespace ClusterSync.Core.Sync;

/// <summary>The run history a sync writes as it starts and when it fails (a successful run is finished by its publication).</summary>
public interface ISyncRunStore
{
    /// <summary>Records a run as started and returns its id.</summary>
    Task<long> StartRunAsync(string source, ReadMode mode, string trigger, CancellationToken cancellationToken);

    /// <summary>Marks a run failed with its one-line reason; nothing of it was published.</summary>
    Task FailRunAsync(long runId, string error, int itemsRead, CancellationToken cancellationToken);

    /// <summary>The high-water mark of the source's last successful run; null when it never succeeded.</summary>
    Task<LastRun?> GetLastSucceededRunAsync(string source, CancellationToken cancellationToken);
}

/// <summary>What a new run needs of the source's last successful run.</summary>
/// <param name="HighWaterMark">Newest source change stamp it read; an incremental read starts there.</param>
public sealed record LastRun(long RunId, DateTimeOffset? HighWaterMark);
