using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>Reads the source records and quarantine a sync compares what it read with, and the records stored with read warnings.</summary>
public sealed class SourceRecordStore(IClusterSyncDbContextFactory contexts) : ISourceRecordStore
{
    /// <summary>The member a record with read warnings has in its stored JSON (absent otherwise), and how it is written.</summary>
    private const string ReadWarningsKey = "readWarnings";

    private const string ReadWarningsMember = "\"" + ReadWarningsKey + "\":";

    public async Task<SourceState> LoadSourceStateAsync(string source, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.SourceRecords.AsNoTracking().Where(r => r.Source == source)
            .Select(r => new { r.SourceId, r.ContentHash, r.GoneInRunId }).ToListAsync(cancellationToken);
        var quarantined = await db.QuarantinedRecords.AsNoTracking()
            .Where(q => q.Source == source && q.ResolvedInRunId == null)
            .Select(q => new { q.PayloadHash, q.SourceId }).ToListAsync(cancellationToken);
        return new SourceState(
            rows.Where(r => r.GoneInRunId == null).ToDictionary(r => r.SourceId, r => r.ContentHash, StringComparer.Ordinal),
            rows.Where(r => r.GoneInRunId != null).Select(r => r.SourceId).ToHashSet(StringComparer.Ordinal),
            quarantined.Select(q => q.PayloadHash).ToHashSet(StringComparer.Ordinal),
            quarantined.Where(q => q.SourceId != null).Select(q => q.SourceId!).ToHashSet(StringComparer.Ordinal));
    }

    public async Task<List<SourceRecord>> LoadPresentRecordsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var result = new List<SourceRecord>();
        await foreach (var json in db.SourceRecords.AsNoTracking().Where(r => r.GoneInRunId == null)
                           .OrderBy(r => r.Id).Select(r => r.NormalisedJson).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            result.Add(RecordJson.Deserialize(json));
        }

        return result;
    }

    /// <summary>Present source records stored with fields left out (read warnings), newest first.</summary>
    public async Task<Page<ReadWarningView>> ListReadWarningsAsync(string? source, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var present = db.SourceRecords.AsNoTracking().Where(r => r.GoneInRunId == null);

        // PostgreSQL keeps the JSON as jsonb (asked by key); SQLite as the text written (searched for the member).
        var rows = contexts.Provider == StorageProvider.Postgres
            ? present.Where(r => EF.Functions.JsonExists(r.NormalisedJson, ReadWarningsKey))
            : present.Where(r => r.NormalisedJson.Contains(ReadWarningsMember));
        if (!string.IsNullOrWhiteSpace(source))
        {
            rows = rows.Where(r => r.Source == source);
        }

        if (page.AfterId is { } after)
        {
            rows = rows.Where(r => r.Id < after);
        }

        var list = await rows.OrderByDescending(r => r.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(list, page.Limit, ReadWarningView.From, r => r.Id);
    }

    /// <summary>A present source record by key, or null.</summary>
    public async Task<SourceRecord?> FindPresentAsync(SourceRecordKey key, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var json = await db.SourceRecords.AsNoTracking()
            .Where(r => r.Source == key.Source && r.SourceId == key.SourceId && r.GoneInRunId == null)
            .Select(r => r.NormalisedJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : RecordJson.Deserialize(json);
    }
}
