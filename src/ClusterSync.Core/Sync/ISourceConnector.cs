using ClusterSync.Core.Records;

namespace ClusterSync.Core.Sync;

/// <summary>
/// Reads one upstream platform. Implementations stream pages as they arrive. A listing that goes on past a
/// page it could not read completely yields a <see cref="SourceItem.Gap"/> naming that page; one that cannot
/// go on throws <see cref="UpstreamException"/>. Either makes the listing incomplete: the run publishes what
/// it read as a partial run and decides no deletions (nothing at all when no page was read).
/// </summary>
public interface ISourceConnector
{
    /// <summary>Source identifier written on every record, e.g. <c>us-cluster-mapping</c>.</summary>
    string Source { get; }

    /// <summary>Streams every organisation of the upstream (full) or those changed since a cursor (incremental).</summary>
    IAsyncEnumerable<SourceItem> ReadAsync(ReadRequest request, CancellationToken cancellationToken);
}

/// <summary>What a sync asks a connector for.</summary>
/// <param name="Mode">A full listing decides deletions; an incremental read never does.</param>
/// <param name="ChangedSince">For incremental reads: the newest <c>updatedAt</c> of the last successful run.</param>
public sealed record ReadRequest(ReadMode Mode, DateTimeOffset? ChangedSince = null)
{
    public static ReadRequest Full { get; } = new(ReadMode.Full);
}

public enum ReadMode
{
    Full,
    Incremental,
}

/// <summary>
/// One item read from an upstream: an organisation ready for normalisation, a payload the connector could
/// not read (kept for quarantine with its reason), or a gap: a page of the listing that was not read completely.
/// </summary>
public sealed record SourceItem
{
    private SourceItem(string? sourceId, string rawPayload, RawOrganisation? organisation, string? unreadableReason, string? gapReason = null)
    {
        SourceId = sourceId;
        RawPayload = rawPayload;
        Organisation = organisation;
        UnreadableReason = unreadableReason;
        GapReason = gapReason;
    }

    public string? SourceId { get; }

    /// <summary>The item exactly as the upstream sent it (JSON text).</summary>
    public string RawPayload { get; }

    public RawOrganisation? Organisation { get; }

    public string? UnreadableReason { get; }

    /// <summary>For a gap: which page was not read completely and what was expected of it.</summary>
    public string? GapReason { get; }

    public bool IsGap => GapReason is not null;

    public static SourceItem Readable(RawOrganisation organisation, string rawPayload) =>
        new(organisation.SourceId, rawPayload, organisation, null);

    public static SourceItem Unreadable(string? sourceId, string rawPayload, string reason) =>
        new(sourceId, rawPayload, null, reason);

    /// <summary>The listing went on past a page it could not read completely: it is incomplete.</summary>
    public static SourceItem Gap(string reason) => new(null, "", null, null, reason);
}

/// <summary>An upstream could not be read within the configured resilience limits.</summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException(string source, string message, Exception? innerException = null)
        : base($"{source}: {message}", innerException)
    {
        Source = source;
        Detail = message;
    }

    public UpstreamException()
    {
        Source = "";
        Detail = Message;
    }

    public UpstreamException(string message)
        : base(message)
    {
        Source = "";
        Detail = message;
    }

    public UpstreamException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "";
        Detail = message;
    }

    /// <summary>The source identifier of the failing upstream.</summary>
    public new string Source { get; }

    /// <summary>What happened, without the source identifier the message starts with.</summary>
    public string Detail { get; }
}
