using System.Text.Json;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>
/// The published directory as the warm index needs it, and the publication of a run: source records,
/// quarantine, directory, links, change events and the run summary, all in one transaction.
/// </summary>
public sealed class DirectoryStore(IClusterSyncDbContextFactory contexts, TimeProvider time) : IDirectoryStore
{
    private const int Chunk = 500;
    private const int MaxErrorLength = 4000;

    /// <summary>
    /// The published directory's membership: active organisations and the links of their present records, and the
    /// last link of each gone record with the versions of the deleted organisations those links lead to.
    /// </summary>
    public async Task<DirectoryMembership> LoadMembershipAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var membership = new DirectoryMembership();
        var gone = (await db.SourceRecords.AsNoTracking().Where(r => r.GoneInRunId != null).Select(r => new { r.Source, r.SourceId })
                .ToListAsync(cancellationToken))
            .Select(r => new SourceRecordKey(r.Source, r.SourceId)).ToHashSet();
        var links = (await db.RecordLinks.AsNoTracking().Select(l => new { l.Source, l.SourceId, l.OrganisationId })
                .ToListAsync(cancellationToken))
            .Select(l => (Key: new SourceRecordKey(l.Source, l.SourceId), l.OrganisationId))
            .ToLookup(l => gone.Contains(l.Key));
        var present = links[false].ToLookup(l => l.OrganisationId, l => l.Key, StringComparer.Ordinal);
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active)
            .Select(o => new { o.Id, o.Version, o.GoldenHash }).ToListAsync(cancellationToken);
        foreach (var org in orgs)
        {
            membership.Add(org.Id, org.Version, org.GoldenHash, present[org.Id]);
        }

        foreach (var (key, organisationId) in links[true])
        {
            membership.AddGone(key, organisationId);
        }

        var deleted = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Deleted)
            .Select(o => new { o.Id, o.Version }).ToListAsync(cancellationToken);
        foreach (var org in deleted)
        {
            membership.AddDeleted(org.Id, org.Version);
        }

        return membership;
    }

    /// <inheritdoc />
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
                PayloadHash = entry.PayloadHash,
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
        run.Status = p.Status;
        run.Error = p.Error is { Length: > MaxErrorLength } error ? error[..MaxErrorLength] : p.Error;
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

    internal static string EventPayload(OrganisationWrite write) => write.Status switch
    {
        OrganisationStatus.Active => write.GoldenJson!,
        OrganisationStatus.Merged => JsonSerializer.Serialize(new { id = write.Id, survivorId = write.SurvivorId }),
        _ => JsonSerializer.Serialize(new { id = write.Id, deleted = true }),
    };
}
