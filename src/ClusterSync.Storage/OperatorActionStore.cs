using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>The record of what operators did: who, what, to what, when.</summary>
public sealed class OperatorActionStore(IClusterSyncDbContextFactory contexts, TimeProvider time)
{
    public async Task RecordAsync(string actor, string action, string target, string? details, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        db.OperatorActions.Add(new OperatorActionRow
        {
            At = time.GetUtcNow(),
            Actor = Bound(actor, 200),
            Action = Bound(action, 60),
            Target = Bound(target, 200),
            Details = details is null ? null : Bound(details, 2000),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Actions, newest first.</summary>
    public async Task<Page<OperatorActionView>> ListAsync(string? actor, string? action, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var rows = db.OperatorActions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actor))
        {
            rows = rows.Where(a => a.Actor == actor);
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            rows = rows.Where(a => a.Action == action);
        }

        if (page.AfterId is { } after)
        {
            rows = rows.Where(a => a.Id < after);
        }

        var list = await rows.OrderByDescending(a => a.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(list, page.Limit, r => new OperatorActionView(r.Id, r.At, r.Actor, r.Action, r.Target, r.Details), r => r.Id);
    }

    private static string Bound(string text, int max) => text.Length <= max ? text : text[..max];
}
