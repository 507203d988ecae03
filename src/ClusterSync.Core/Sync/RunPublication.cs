using ClusterSync.Core.Publication;

namespace ClusterSync.Core.Sync;

/// <summary>Everything one successful or partial run publishes, in one transaction.</summary>
public sealed record RunPublication
{
    public required long RunId { get; init; }
    public required string Source { get; init; }
    public required int ItemsRead { get; init; }
    public required ChangeSet Changes { get; init; }

    /// <summary>Raw upstream payload by source id for added and changed records.</summary>
    public required IReadOnlyDictionary<string, string> RawPayloads { get; init; }

    /// <summary>Ids of added records that existed before and were gone (their rows are revived).</summary>
    public required IReadOnlySet<string> ReappearedIds { get; init; }

    /// <summary>Quarantined items not already held in quarantine.</summary>
    public required IReadOnlyList<QuarantineEntry> NewQuarantine { get; init; }

    /// <summary>Source ids once quarantined that this run read successfully.</summary>
    public required IReadOnlyList<string> ResolvedQuarantineIds { get; init; }

    public required int QuarantinedInRun { get; init; }
    public required Reconciliation Reconciliation { get; init; }
    public DateTimeOffset? HighWaterMark { get; init; }

    /// <summary>The run's status once published: <see cref="SyncRunStatus.Succeeded"/>, <see cref="SyncRunStatus.Held"/> or <see cref="SyncRunStatus.Partial"/>.</summary>
    public string Status { get; init; } = SyncRunStatus.Succeeded;

    /// <summary>For a held run: the source ids whose deletion waits for an operator.</summary>
    public IReadOnlyList<string> HeldDeletions { get; init; } = [];

    /// <summary>Whether the run read a complete full listing: it then settles (supersedes) the source's older pending holds.</summary>
    public bool CompleteListing { get; init; }

    /// <summary>A held run whose deletions this publication carries out (an operator confirmed them).</summary>
    public long? ConfirmsHoldOf { get; init; }

    /// <summary>Run inside the publication's transaction once everything is written and nothing committed (see <see cref="ISyncProbe"/>).</summary>
    public Func<CancellationToken, ValueTask>? BeforeCommit { get; init; }

    /// <summary>Milliseconds spent in each phase (read, detect, reconcile, publish).</summary>
    public IReadOnlyDictionary<string, long> Phases { get; init; } = new Dictionary<string, long>();

    /// <summary>For a partial run: why the listing is incomplete.</summary>
    public string? Error { get; init; }

    /// <summary>A publication that only re-applies operator decisions (no source read).</summary>
    public static RunPublication OfDecisions(long runId, string source, Reconciliation reconciliation) => new()
    {
        RunId = runId,
        Source = source,
        ItemsRead = 0,
        Changes = new ChangeSet([], [], 0, []),
        RawPayloads = new Dictionary<string, string>(),
        ReappearedIds = new HashSet<string>(),
        NewQuarantine = [],
        ResolvedQuarantineIds = [],
        QuarantinedInRun = 0,
        Reconciliation = reconciliation,
    };
}
