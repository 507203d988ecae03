using System.Diagnostics;
using System.Text.Json;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Feed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClusterSync.Storage;

/// <summary>
/// The publication lock, held: an in-process gate plus, on PostgreSQL, a transaction holding the advisory lock
/// (released at commit or rollback), so commit order equals change-event sequence order across instances.
/// SQLite serves one process: its write transaction opens only at commit, so that nothing else of the process
/// (heartbeats, run starts) has to wait for a reconciliation.
/// </summary>
internal sealed class DirectoryPublication : IDirectoryPublication
{
    private const int Chunk = 500;

    private readonly ClusterSyncDbContext _db;
    private readonly TimeProvider _time;
    private readonly ChangeNotifications _notifications;
    private IDbContextTransaction? _transaction;
    private bool _released;

    private DirectoryPublication(
        ClusterSyncDbContext db, TimeProvider time, ChangeNotifications notifications, IDbContextTransaction? transaction, long lastSequence)
    {
        _db = db;
        _time = time;
        _notifications = notifications;
        _transaction = transaction;
        LastSequence = lastSequence;
    }

    public long LastSequence { get; }

    public static async Task<DirectoryPublication> BeginAsync(
        IClusterSyncDbContextFactory contexts, TimeProvider time, ChangeNotifications notifications, CancellationToken cancellationToken)
    {
        await PublicationLock.InProcess.WaitAsync(cancellationToken);
        ClusterSyncDbContext? db = null;
        try
        {
            db = contexts.CreateDbContext();
            IDbContextTransaction? transaction = null;
            if (db.Provider == StorageProvider.Postgres)
            {
                transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await PublicationLock.AcquireInTransactionAsync(db, cancellationToken);
            }

            return new DirectoryPublication(db, time, notifications, transaction, await DirectoryStore.LastSequenceAsync(db, cancellationToken));
        }
        catch
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }

            PublicationLock.InProcess.Release();
            throw;
        }
    }

    public async Task<long> CommitAsync(RunPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ObjectDisposedException.ThrowIf(_released, this);
        var started = Stopwatch.GetTimestamp();
        _transaction ??= await _db.Database.BeginTransactionAsync(cancellationToken);
        var now = _time.GetUtcNow();
        await WriteSourceRecordsAsync(_db, publication, cancellationToken);
        await WriteQuarantineAsync(_db, publication, now, cancellationToken);
        await DirectoryWriter.WriteAsync(_db, publication.RunId, publication.Reconciliation, now, cancellationToken);
        await SettleHoldsAsync(_db, publication, now, cancellationToken);
        await FinishRunAsync(_db, publication, now, Stopwatch.GetElapsedTime(started), cancellationToken);
        await _db.SaveChangesAsync(cancellationToken);
        var sequence = await DirectoryStore.LastSequenceAsync(_db, cancellationToken);
        if (_db.Provider == StorageProvider.Postgres && sequence > LastSequence)
        {
            // Sent at commit (and never for a rollback): other instances' long-polling feed readers wake.
            await _db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{ChangeNotifications.Channel}', '')", cancellationToken);
        }

        if (publication.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        if (sequence > LastSequence)
        {
            _notifications.Published();
        }

        return sequence;
    }

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }

            await _db.DisposeAsync();
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

    /// <summary>
    /// A complete full listing settles the source's older pending holds (it decided the deletions afresh); a confirmation
    /// settles the hold it carries out.
    /// </summary>
    private static async Task SettleHoldsAsync(ClusterSyncDbContext db, RunPublication p, DateTimeOffset now, CancellationToken ct)
    {
        if (p.ConfirmsHoldOf is { } held)
        {
            var settled = await db.SyncRuns
                .Where(r => r.Id == held && r.Status == SyncRunStatus.Held && r.HoldResolution == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.HoldResolution, HoldResolution.Confirmed)
                    .SetProperty(r => r.HoldResolvedAt, now)
                    .SetProperty(r => r.HoldResolvedBy, "run " + p.RunId), ct);
            if (settled == 0)
            {
                throw new SyncRefusedException($"Run {held} holds no pending deletions any more (settled meanwhile); nothing was published.");
            }
        }

        if (p.CompleteListing)
        {
            await db.SyncRuns
                .Where(r => r.Source == p.Source && r.Id < p.RunId && r.Status == SyncRunStatus.Held && r.HoldResolution == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.HoldResolution, HoldResolution.Superseded)
                    .SetProperty(r => r.HoldResolvedAt, now)
                    .SetProperty(r => r.HoldResolvedBy, "run " + p.RunId), ct);
        }
    }

    private const int MaxErrorLength = 4000;

    private static async Task FinishRunAsync(ClusterSyncDbContext db, RunPublication p, DateTimeOffset now, TimeSpan writing, CancellationToken ct)
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
        run.HeldDeletionsJson = p.HeldDeletions.Count == 0 ? null : JsonSerializer.Serialize(p.HeldDeletions);
        var phases = new Dictionary<string, long>(p.Phases) { ["publish"] = (long)writing.TotalMilliseconds };
        run.PhasesJson = JsonSerializer.Serialize(phases);
    }
}
