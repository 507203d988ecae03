using ClusterSync.Core.Sync;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>The run history: runs start and fail here (a successful run is finished by its publication), and operators list them.</summary>
public sealed class RunStore(IClusterSyncDbContextFactory contexts, TimeProvider time) : ISyncRunStore
{
    private const int MaxErrorLength = 4000;

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
        ArgumentNullException.ThrowIfNull(error);
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var message = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        await db.SyncRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, SyncRunStatus.Failed)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.ItemsRead, itemsRead)
            .SetProperty(r => r.Error, message), cancellationToken);
    }

    public async Task<LastRun?> GetLastSucceededRunAsync(string source, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SyncRuns.AsNoTracking()
            .Where(r => r.Source == source && r.Status == SyncRunStatus.Succeeded)
            .OrderByDescending(r => r.Id)
            .Select(r => new LastRun(r.Id, r.HighWaterMark))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Runs, newest first.</summary>
    public async Task<Page<SyncRunView>> ListRunsAsync(string? source, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var runs = db.SyncRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(source))
        {
            runs = runs.Where(r => r.Source == source);
        }

        if (page.AfterId is { } after)
        {
            runs = runs.Where(r => r.Id < after);
        }

        var rows = await runs.OrderByDescending(r => r.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(rows, page.Limit, SyncRunView.From, r => r.Id);
    }

    /// <summary>One run, or null.</summary>
    public async Task<SyncRunView?> FindRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return row is null ? null : SyncRunView.From(row);
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
}
