using ClusterSync.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>What readiness asks of the run history: which sources keep ending their runs incomplete.</summary>
public sealed class RunHealthQueries(IClusterSyncDbContextFactory contexts)
{
    /// <summary>
    /// The sources whose last <paramref name="length"/> finished runs (a cancelled run tells nothing) were all <see cref="SyncRunStatus.Partial"/>,
    /// with the reason the newest of them gave.
    /// </summary>
    public async Task<IReadOnlyList<PartialStreak>> ListPartialStreaksAsync(int length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        await using var db = contexts.CreateDbContext();
        var sources = await db.SyncRuns.AsNoTracking().Where(r => r.Status == SyncRunStatus.Partial).Select(r => r.Source).Distinct()
            .ToListAsync(cancellationToken);
        var streaks = new List<PartialStreak>();
        foreach (var source in sources.Order(StringComparer.Ordinal))
        {
            var last = await db.SyncRuns.AsNoTracking()
                .Where(r => r.Source == source && r.Status != SyncRunStatus.Queued && r.Status != SyncRunStatus.Running && r.Status != SyncRunStatus.Cancelled)
                .OrderByDescending(r => r.Id).Take(length)
                .Select(r => new { r.Status, r.Error }).ToListAsync(cancellationToken);
            if (last.Count == length && last.All(r => r.Status == SyncRunStatus.Partial))
            {
                streaks.Add(new PartialStreak(source, length, last[0].Error));
            }
        }

        return streaks;
    }
}

/// <summary>A source whose last <paramref name="Runs"/> runs were partial; <paramref name="LastReason"/> is the newest one's.</summary>
public sealed record PartialStreak(string Source, int Runs, string? LastReason);
