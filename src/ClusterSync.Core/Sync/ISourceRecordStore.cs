using ClusterSync.Core.Records;

namespace ClusterSync.Core.Sync;

/// <summary>The source records a sync compares what it read with.</summary>
public interface ISourceRecordStore
{
    /// <summary>Content hashes of the source's present records, the ids of its gone ones and its open quarantine.</summary>
    Task<SourceState> LoadSourceStateAsync(string source, CancellationToken cancellationToken);

    /// <summary>Every present source record of every source (the warm index is built from these).</summary>
    Task<List<SourceRecord>> LoadPresentRecordsAsync(CancellationToken cancellationToken);
}

/// <summary>What the store holds for one source.</summary>
public sealed record SourceState(
    IReadOnlyDictionary<string, string> PresentHashes,
    IReadOnlySet<string> GoneIds,
    IReadOnlySet<string> OpenQuarantinePayloadHashes,
    IReadOnlySet<string> OpenQuarantineSourceIds);
