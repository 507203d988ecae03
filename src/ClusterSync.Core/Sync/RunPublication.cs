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

    /// <summary><see cref="SyncRunStatus.Succeeded"/>, or <see cref="SyncRunStatus.Partial"/> for an incomplete listing.</summary>
    public string Status { get; init; } = SyncRunStatus.Succeeded;

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
