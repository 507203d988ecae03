using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>
/// Reads the state a sync needs and publishes a run: source records, quarantine, directory, links,
/// change events and the run summary, all in one transaction.
/// </summary>
public sealed class DirectoryStore(IClusterSyncDbContextFactory contexts, TimeProvider time)
{
    private const int Chunk = 500;

    /// <summary>Records a run as started; a run of the same source still marked running was abandoned.</summary>
    public async Task<long> StartRunAsync(string source, ReadMode mode, string trigger, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        await db.SyncRuns.Where(r => r.Source == source && r.Status == SyncRunStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, SyncRunStatus.Abandoned)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, "The process ended before the run finished; nothing of it was published."), cancellationToken);
        var run = new SyncRunRow
        {
            Source = source,
            Mode = mode.ToString().ToLowerInvariant(),
            Status = SyncRunStatus.Running,
            Trigger = trigger,
            StartedAt = now,
            InstanceId = Environment.MachineName + "/" + Environment.ProcessId,
        };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    public async Task FailRunAsync(long runId, string error, int itemsRead, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var message = error.Length > 4000 ? error[..4000] : error;
        await db.SyncRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, SyncRunStatus.Failed)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.ItemsRead, itemsRead)
            .SetProperty(r => r.Error, message), cancellationToken);
    }

    public async Task<SyncRunRow?> GetLastSucceededRunAsync(string source, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SyncRuns.AsNoTracking()
            .Where(r => r.Source == source && r.Status == SyncRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Content hashes of the source's present records, and the ids of its gone ones.</summary>
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

    /// <summary>Every present source record of every source (the resolver's warm index is built from these).</summary>
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

    /// <summary>The published directory's membership (active organisations and their links).</summary>
    public async Task<DirectoryMembership> LoadMembershipAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var membership = new DirectoryMembership();
        var links = (await db.RecordLinks.AsNoTracking().Select(l => new { l.Source, l.SourceId, l.OrganisationId })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.OrganisationId, l => new SourceRecordKey(l.Source, l.SourceId), StringComparer.Ordinal);
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active)
            .Select(o => new { o.Id, o.Version, o.GoldenHash }).ToListAsync(cancellationToken);
        foreach (var org in orgs)
        {
            membership.Add(org.Id, org.Version, org.GoldenHash, links[org.Id]);
        }

        return membership;
    }

    public async Task<List<MatchDecision>> LoadActiveDecisionsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.MatchDecisions.AsNoTracking().Where(d => d.RevokedAt == null).OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToDecision)];
    }

    internal static MatchDecision ToDecision(MatchDecisionRow row)
    {
        SourceRecordKey.TryParse(row.LeftKey, out var left);
        SourceRecordKey.TryParse(row.RightKey, out var right);
        return new MatchDecision(left, right, row.Kind);
    }

    /// <summary>Publishes one run atomically. Nothing of it is visible until the commit.</summary>
    public async Task PublishAsync(RunPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        await PublicationLock.InProcess.WaitAsync(cancellationToken);
        try
        {
            await using var db = contexts.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await PublicationLock.AcquireInTransactionAsync(db, cancellationToken);
            var now = time.GetUtcNow();
            await WriteSourceRecordsAsync(db, publication, cancellationToken);
            await WriteQuarantineAsync(db, publication, now, cancellationToken);
            await DirectoryWriter.WriteAsync(db, publication.RunId, publication.Reconciliation, now, cancellationToken);
            await FinishRunAsync(db, publication, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            PublicationLock.InProcess.Release();
        }
    }

    private static async Task WriteSourceRecordsAsync(ClusterSyncDbContext db, RunPublication p, CancellationToken ct)
    {
        var existingIds = p.Changes.Changed.Select(r => r.SourceId)
            .Concat(p.Changes.Added.Where(r => p.ReappearedIds.Contains(r.SourceId)).Select(r => r.SourceId))
            .Concat(p.Changes.GoneSourceIds).ToList();
        var rows = new Dictionary<string, SourceRecordRow>(StringComparer.Ordinal);
        foreach (var chunk in existingIds.Chunk(Chunk))
        {
            var ids = chunk.ToList();
            foreach (var row in await db.SourceRecords.Where(r => r.Source == p.Source && ids.Contains(r.SourceId)).ToListAsync(ct))
            {
                rows[row.SourceId] = row;
            }
        }

        foreach (var record in p.Changes.Added.Concat(p.Changes.Changed))
        {
            var json = RecordJson.Serialize(record);
            var raw = p.RawPayloads.GetValueOrDefault(record.SourceId, json);
            if (rows.TryGetValue(record.SourceId, out var row))
            {
                row.ContentHash = record.ContentHash;
                row.NormalisedJson = json;
                row.RawPayload = raw;
                row.SourceUpdatedAt = record.UpdatedAt;
                row.LastChangedRunId = p.RunId;
                row.GoneInRunId = null;
            }
            else
            {
                db.SourceRecords.Add(new SourceRecordRow
                {
                    Source = p.Source,
                    SourceId = record.SourceId,
                    ContentHash = record.ContentHash,
                    NormalisedJson = json,
                    RawPayload = raw,
                    SourceUpdatedAt = record.UpdatedAt,
                    FirstSeenRunId = p.RunId,
                    LastChangedRunId = p.RunId,
                });
            }
        }

        foreach (var id in p.Changes.GoneSourceIds)
        {
            if (rows.TryGetValue(id, out var row))
            {
                row.GoneInRunId = p.RunId;
                row.LastChangedRunId = p.RunId;
            }
        }
    }

    private static async Task WriteQuarantineAsync(ClusterSyncDbContext db, RunPublication p, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var entry in p.NewQuarantine)
        {
            db.QuarantinedRecords.Add(new QuarantinedRecordRow
            {
                Source = p.Source,
                SourceId = entry.SourceId,
                Reason = entry.Reason.Length > 2000 ? entry.Reason[..2000] : entry.Reason,
                RawPayload = entry.RawPayload,
                PayloadHash = PayloadHash(entry.RawPayload),
                FirstSeenRunId = p.RunId,
                QuarantinedAt = now,
            });
        }

        if (p.ResolvedQuarantineIds.Count > 0)
        {
            foreach (var chunk in p.ResolvedQuarantineIds.Chunk(Chunk))
            {
                var ids = chunk.ToList();
                await db.QuarantinedRecords
                    .Where(q => q.Source == p.Source && q.ResolvedInRunId == null && q.SourceId != null && ids.Contains(q.SourceId))
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.ResolvedInRunId, p.RunId), ct);
            }
        }
    }

    private static async Task FinishRunAsync(ClusterSyncDbContext db, RunPublication p, DateTimeOffset now, CancellationToken ct)
    {
        var run = await db.SyncRuns.SingleAsync(r => r.Id == p.RunId, ct);
        run.Status = SyncRunStatus.Succeeded;
        run.FinishedAt = now;
        run.ItemsRead = p.ItemsRead;
        run.NewCount = p.Changes.Added.Count;
        run.ChangedCount = p.Changes.Changed.Count;
        run.UnchangedCount = p.Changes.UnchangedCount;
        run.GoneCount = p.Changes.GoneSourceIds.Count;
        run.QuarantinedCount = p.QuarantinedInRun;
        run.OrganisationsChanged = p.Reconciliation.Organisations.Count;
        run.HighWaterMark = p.HighWaterMark;
    }

    /// <summary>SHA-256 of a raw payload, as stored with quarantined records.</summary>
    public static string PayloadHash(string rawPayload) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawPayload)));

    internal static string EventPayload(OrganisationWrite write) => write.Status switch
    {
        OrganisationStatus.Active => write.GoldenJson!,
        OrganisationStatus.Merged => JsonSerializer.Serialize(new { id = write.Id, survivorId = write.SurvivorId }),
        _ => JsonSerializer.Serialize(new { id = write.Id, deleted = true }),
    };
}

/// <summary>What the store holds for one source.</summary>
public sealed record SourceState(
    IReadOnlyDictionary<string, string> PresentHashes,
    IReadOnlySet<string> GoneIds,
    IReadOnlySet<string> OpenQuarantinePayloadHashes,
    IReadOnlySet<string> OpenQuarantineSourceIds);

/// <summary>An item quarantined in a run.</summary>
public sealed record QuarantineEntry(string? SourceId, string RawPayload, string Reason);

/// <summary>Everything one successful run publishes.</summary>
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
}
