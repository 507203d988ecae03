using ClusterSync.Core.Records;

namespace ClusterSync.Core.Sync;

/// <summary>
/// Reads one upstream platform. Implementations stream pages as they arrive and throw
/// <see cref="UpstreamException"/> when the platform cannot be read within the resilience limits;
/// a run that ends that way publishes nothing.
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
/// One item read from an upstream: either an organisation ready for normalisation, or a payload the
/// connector could not read (kept for quarantine with its reason).
/// </summary>
public sealed record SourceItem
{
    private SourceItem(string? sourceId, string rawPayload, RawOrganisation? organisation, string? unreadableReason)
    {
        SourceId = sourceId;
        RawPayload = rawPayload;
        Organisation = organisation;
        UnreadableReason = unreadableReason;
    }

    public string? SourceId { get; }

    /// <summary>The item exactly as the upstream sent it (JSON text).</summary>
    public string RawPayload { get; }

    public RawOrganisation? Organisation { get; }

    public string? UnreadableReason { get; }

    public static SourceItem Readable(RawOrganisation organisation, string rawPayload) =>
        new(organisation.SourceId, rawPayload, organisation, null);

    public static SourceItem Unreadable(string? sourceId, string rawPayload, string reason) =>
        new(sourceId, rawPayload, null, reason);
}

/// <summary>An upstream could not be read within the configured resilience limits.</summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException(string source, string message, Exception? innerException = null)
        : base($"{source}: {message}", innerException)
    {
        Source = source;
    }

    public UpstreamException()
    {
        Source = "";
    }

    public UpstreamException(string message)
        : base(message)
    {
        Source = "";
    }

    public UpstreamException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "";
    }

    /// <summary>The source identifier of the failing upstream.</summary>
    public new string Source { get; }
}
