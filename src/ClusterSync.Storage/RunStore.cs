using ClusterSync.Core.Sync;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClusterSync.Storage;

/// <summary>
/// The run history: runs are queued, started, cancelled and (when nothing was published) finished here; a published run
/// is finished by its publication. At most one run of a source is queued or running at a time (a unique index says so),
/// and only a dead instance's runs are abandoned.
/// </summary>
public sealed class RunStore(IClusterSyncDbContextFactory contexts, TimeProvider time, InstanceIdentity instance, IOptions<InstanceOptions> options)
    : ISyncRunStore
{
    private const int MaxErrorLength = 4000;

    /// <summary>Queues a run an operator asked for; the scheduler starts it.</summary>
    /// <exception cref="RunConflictException">The source already has a run queued or running.</exception>
    public async Task<SyncRunView> QueueRunAsync(string source, ReadMode? mode, bool confirmDeletions, string trigger, string requestedBy, CancellationToken cancellationToken)
    {
        await AbandonRunsOfDeadInstancesAsync(source, cancellationToken);
        var row = new SyncRunRow
        {
            Source = source,
            Mode = mode?.ToString().ToLowerInvariant() ?? "auto",
            Status = SyncRunStatus.Queued,
            Trigger = trigger,
            StartedAt = time.GetUtcNow(),
            RequestedBy = Bound(requestedBy, 200),
            ConfirmDeletions = confirmDeletions,
        };
        await InsertAsync(row, cancellationToken);
        return SyncRunView.From(row);
    }

    public async Task<long?> StartRunAsync(string source, ReadMode mode, SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (request.QueuedRunId is { } queued)
        {
            await using var db = contexts.CreateDbContext();
            var started = await db.SyncRuns.Where(r => r.Id == queued && r.Status == SyncRunStatus.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, SyncRunStatus.Running)
                    .SetProperty(r => r.Mode, mode.ToString().ToLowerInvariant())
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.InstanceId, instance.Id), cancellationToken);
            return started == 1 ? queued : null;
        }

        if (source != SyncPipeline.DecisionsSource)
        {
            await AbandonRunsOfDeadInstancesAsync(source, cancellationToken);
        }

        var row = new SyncRunRow
        {
            Source = source,
            Mode = mode.ToString().ToLowerInvariant(),
            Status = SyncRunStatus.Running,
            Trigger = request.Trigger,
            StartedAt = now,
            InstanceId = instance.Id,
            RequestedBy = Bound(request.RequestedBy, 200),
            ConfirmDeletions = request.ConfirmDeletions,
        };
        await InsertAsync(row, cancellationToken);
        return row.Id;
    }

    public async Task FinishUnpublishedAsync(long runId, string status, string error, int itemsRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var message = Bound(error, MaxErrorLength);
        await db.SyncRuns.Where(r => r.Id == runId && (r.Status == SyncRunStatus.Running || r.Status == SyncRunStatus.Queued))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.ItemsRead, itemsRead)
                .SetProperty(r => r.Error, message), cancellationToken);
    }

    public async Task<LastRun?> GetLastSucceededRunAsync(string source, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SyncRuns.AsNoTracking()
            .Where(r => r.Source == source && (r.Status == SyncRunStatus.Succeeded || r.Status == SyncRunStatus.Held))
            .OrderByDescending(r => r.Id)
            .Select(r => new LastRun(r.Id, r.HighWaterMark))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<HeldDeletions?> GetPendingHoldAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.SyncRuns.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == runId && r.Status == SyncRunStatus.Held && r.HoldResolution == null, cancellationToken);
        return row is null ? null : new HeldDeletions(row.Id, row.Source, SyncRunView.HeldIds(row));
    }

    /// <summary>Rejects a held run's deletions (nothing is deleted); false when the hold is not pending.</summary>
    public async Task<bool> RejectHoldAsync(long runId, string actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        return await db.SyncRuns.Where(r => r.Id == runId && r.Status == SyncRunStatus.Held && r.HoldResolution == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.HoldResolution, HoldResolution.Rejected)
                .SetProperty(r => r.HoldResolvedAt, now)
                .SetProperty(r => r.HoldResolvedBy, Bound(actor, 200)), cancellationToken) == 1;
    }

    /// <summary>
    /// Asks a run to stop: a queued run is cancelled at once; a running one is marked, and the instance running it stops
    /// at its next check. False when the run has ended (or does not exist).
    /// </summary>
    public async Task<bool> RequestCancelAsync(long runId, string actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var queued = await db.SyncRuns.Where(r => r.Id == runId && r.Status == SyncRunStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, SyncRunStatus.Cancelled)
                .SetProperty(r => r.CancelRequestedAt, now)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, "Cancelled by " + Bound(actor, 200) + " before it started."), cancellationToken);
        return queued == 1 || await db.SyncRuns.Where(r => r.Id == runId && r.Status == SyncRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequestedAt, now), cancellationToken) == 1;
    }

    /// <summary>Runs of this instance that an operator asked to cancel.</summary>
    public async Task<IReadOnlyList<long>> CancelRequestsOfThisInstanceAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SyncRuns.AsNoTracking()
            .Where(r => r.InstanceId == instance.Id && r.Status == SyncRunStatus.Running && r.CancelRequestedAt != null)
            .Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The source's queued or running run, or null.</summary>
    public async Task<SyncRunView?> FindUnfinishedAsync(string source, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.SyncRuns.AsNoTracking()
            .Where(r => r.Source == source && (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : SyncRunView.From(row);
    }

    /// <summary>The newest run of each source.</summary>
    public async Task<IReadOnlyDictionary<string, SyncRunView>> LastRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var newest = db.SyncRuns.GroupBy(r => r.Source).Select(g => g.Max(r => r.Id));
        var rows = await db.SyncRuns.AsNoTracking().Where(r => newest.Contains(r.Id)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Source, SyncRunView.From, StringComparer.Ordinal);
    }

    /// <summary>Runs, newest first.</summary>
    public async Task<Page<SyncRunView>> ListRunsAsync(RunFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var runs = db.SyncRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            runs = runs.Where(r => r.Source == filter.Source);
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            runs = runs.Where(r => r.Status == filter.Status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Trigger))
        {
            runs = runs.Where(r => r.Trigger == filter.Trigger);
        }

        if (filter.Since is { } since)
        {
            runs = runs.Where(r => r.StartedAt >= since);
        }

        if (page.AfterId is { } after)
        {
            runs = runs.Where(r => r.Id < after);
        }

        var rows = await runs.OrderByDescending(r => r.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(rows, page.Limit, SyncRunView.From, r => r.Id);
    }

    /// <summary>Runs, newest first (every source or one).</summary>
    public Task<Page<SyncRunView>> ListRunsAsync(string? source, PageRequest page, CancellationToken cancellationToken) =>
        ListRunsAsync(new RunFilter(source), page, cancellationToken);

    /// <summary>One run with its held deletions, or null.</summary>
    public async Task<SyncRunDetail?> FindRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return row is null ? null : new SyncRunDetail(SyncRunView.From(row), SyncRunView.HeldIds(row));
    }

    /// <summary>Quarantined upstream records, newest first.</summary>
    public async Task<Page<QuarantineView>> ListQuarantineAsync(string? source, bool includeResolved, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var rows = db.QuarantinedRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(source))
        {
            rows = rows.Where(q => q.Source == source);
        }

        if (!includeResolved)
        {
            rows = rows.Where(q => q.ResolvedInRunId == null);
        }

        if (page.AfterId is { } after)
        {
            rows = rows.Where(q => q.Id < after);
        }

        var list = await rows.OrderByDescending(q => q.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(list, page.Limit, QuarantineView.From, q => q.Id);
    }

    /// <summary>Marks abandoned every unfinished run (of one source, or all) whose instance's heartbeat lapsed; returns how many.</summary>
    public async Task<int> AbandonRunsOfDeadInstancesAsync(string? source, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var lapsed = now - options.Value.LapseAfter;
        var alive = db.Instances.Where(i => i.StoppedAt == null && i.HeartbeatAt >= lapsed).Select(i => i.Id);
        var stale = db.SyncRuns.Where(r => r.Status == SyncRunStatus.Running && r.Source != SyncPipeline.DecisionsSource
            && r.InstanceId != instance.Id && (r.InstanceId == null || !alive.Contains(r.InstanceId)));
        if (source is not null)
        {
            stale = stale.Where(r => r.Source == source);
        }

        return await stale.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, SyncRunStatus.Abandoned)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.Error, "The instance running it stopped answering before it finished; nothing of it was published."), cancellationToken);
    }

    private async Task InsertAsync(SyncRunRow row, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        db.SyncRuns.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await using var check = contexts.CreateDbContext();
            var existing = await check.SyncRuns.AsNoTracking()
                .Where(r => r.Source == row.Source && (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running))
                .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                throw new RunConflictException(row.Source, id);
            }

            throw;
        }
    }

    private static string? Bound(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
