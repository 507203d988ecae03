namespace ClusterSync.Core.Sync;

/// <summary>The run history a sync writes as it starts and when it ends unpublished (a published run is finished by its publication).</summary>
public interface ISyncRunStore
{
    /// <summary>
    /// Starts a run: the queued run <see cref="SyncRequest.QueuedRunId"/> when given, else a new one. Returns null when the
    /// queued run is no longer queued (an operator cancelled it meanwhile).
    /// </summary>
    Task<long?> StartRunAsync(string source, ReadMode mode, SyncRequest request, CancellationToken cancellationToken);

    /// <summary>Ends a run that published nothing (<see cref="SyncRunStatus.Failed"/> or <see cref="SyncRunStatus.Cancelled"/>) with its one-line reason.</summary>
    Task FinishUnpublishedAsync(long runId, string status, string error, int itemsRead, CancellationToken cancellationToken);

    /// <summary>The source's last run that read a complete listing (succeeded or held): its high-water mark starts the next incremental read.</summary>
    Task<LastRun?> GetLastSucceededRunAsync(string source, CancellationToken cancellationToken);

    /// <summary>A held run's pending deletions, or null when the run is not held or its hold was settled.</summary>
    Task<HeldDeletions?> GetPendingHoldAsync(long runId, CancellationToken cancellationToken);
}

/// <summary>What a new run needs of the source's last complete run.</summary>
/// <param name="HighWaterMark">Newest source change stamp it read; an incremental read starts there.</param>
public sealed record LastRun(long RunId, DateTimeOffset? HighWaterMark);

/// <summary>The deletions a held run keeps waiting for an operator.</summary>
public sealed record HeldDeletions(long RunId, string Source, IReadOnlyList<string> SourceIds);
