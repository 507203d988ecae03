using System.Data;
using ClusterSync.Core.Publication;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage.Feed;

/// <summary>
/// Reads of the change log for the feed. Gapless because publication is serialised under the publication lock: an event
/// numbered lower than one already visible has committed too (or never will), so reading <c>sequence &gt; after</c> in
/// order never passes an event that commits later.
/// </summary>
public sealed class ChangeFeed(IClusterSyncDbContextFactory contexts, ChangeNotifications notifications)
{
    /// <summary>At most <paramref name="limit"/> events after the event numbered <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<ChangeEventView>> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.ChangeEvents.AsNoTracking()
            .Where(e => e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .Select(e => new ChangeEventView(e.Sequence, e.OrganisationId, e.Type, e.SurvivorId, e.Version, e.PayloadJson, e.RunId, e.OccurredAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Like <see cref="ReadAsync"/>, but when nothing follows <paramref name="after"/> waits up to <paramref name="wait"/>
    /// for a publication (woken by <see cref="ChangeNotifications"/>, and reading again every poll interval).
    /// </summary>
    public async Task<IReadOnlyList<ChangeEventView>> WaitAsync(long after, int limit, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var deadline = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            var published = notifications.NextAsync();
            var events = await ReadAsync(after, limit, cancellationToken);
            if (events.Count > 0 || deadline.IsCancellationRequested)
            {
                return events;
            }

            try
            {
                await published.WaitAsync(notifications.PollInterval, time, linked.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await ReadAsync(after, limit, cancellationToken);
            }
        }
    }

    /// <summary>The number of the last committed event (0 when there is none).</summary>
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await DirectoryStore.LastSequenceAsync(db, cancellationToken);
    }

    /// <summary>
    /// The active directory and the last event it reflects, read in one transaction (a snapshot on PostgreSQL's repeatable
    /// read; SQLite's read transaction sees one state of its WAL), so the feed after that event continues it exactly.
    /// </summary>
    public async Task<DirectorySnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.Provider == StorageProvider.Postgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);
        var sequence = await DirectoryStore.LastSequenceAsync(db, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Status == OrganisationStatus.Active)
            .OrderBy(o => o.Id)
            .Select(o => new SnapshotOrganisation(o.Id, o.Version, o.UpdatedAt, o.GoldenJson))
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DirectorySnapshot(sequence, organisations);
    }
}
