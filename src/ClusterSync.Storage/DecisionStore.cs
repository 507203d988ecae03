using System.Globalization;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Records;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>Operators' must-link and cannot-link decisions and the review queue they come from.</summary>
public sealed class DecisionStore(IClusterSyncDbContextFactory contexts, TimeProvider time)
{
    /// <summary>Records a decision; a newer decision about the same pair replaces (revokes) the older one.</summary>
    public async Task<DecisionView> AddAsync(SourceRecordKey left, SourceRecordKey right, string kind, string author, string reason, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await AddInTransactionAsync(db, left.ToString(), right.ToString(), kind, author, reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DecisionView.From(row);
    }

    /// <summary>Revokes a decision; false when there is no such active decision.</summary>
    public async Task<bool> RevokeAsync(long id, string author, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var updated = await db.MatchDecisions.Where(d => d.Id == id && d.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, now).SetProperty(d => d.RevokedBy, author), cancellationToken);
        return updated > 0;
    }

    /// <summary>Decisions, newest first.</summary>
    public async Task<Page<DecisionView>> ListAsync(bool includeRevoked, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var rows = db.MatchDecisions.AsNoTracking();
        if (!includeRevoked)
        {
            rows = rows.Where(d => d.RevokedAt == null);
        }

        if (page.AfterId is { } after)
        {
            rows = rows.Where(d => d.Id < after);
        }

        var list = await rows.OrderByDescending(d => d.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(list, page.Limit, DecisionView.From, d => d.Id);
    }

    /// <summary>Review items of one status, strongest first (keyset on probability, then id).</summary>
    public async Task<Page<ReviewItemView>> ListReviewAsync(string status, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var rows = db.ReviewItems.AsNoTracking().Where(r => r.Status == status);
        if (page.After is { } cursor)
        {
            var (probability, id) = ParseReviewCursor(cursor);
            rows = rows.Where(r => r.Probability < probability || (r.Probability == probability && r.Id > id));
        }

        var list = await rows.OrderByDescending(r => r.Probability).ThenBy(r => r.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(list, page.Limit, ReviewItemView.From,
            r => r.Probability.ToString("R", CultureInfo.InvariantCulture) + "_" + r.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Turns an open review item into a decision (accept = must-link, reject = cannot-link) in one transaction:
    /// of two concurrent calls on one item, exactly one decides it.
    /// </summary>
    public async Task<(ReviewOutcome Outcome, DecisionView? Decision)> DecideReviewAsync(
        long reviewId, bool accept, string author, string? reason, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var claimed = await db.ReviewItems.Where(r => r.Id == reviewId && r.Status == ReviewStatus.Open)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, accept ? ReviewStatus.Accepted : ReviewStatus.Rejected)
                .SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecidedBy, author), cancellationToken);
        if (claimed == 0)
        {
            var exists = await db.ReviewItems.AnyAsync(r => r.Id == reviewId, cancellationToken);
            return (exists ? ReviewOutcome.AlreadyDecided : ReviewOutcome.NotFound, null);
        }

        var item = await db.ReviewItems.SingleAsync(r => r.Id == reviewId, cancellationToken);
        var kind = accept ? MatchDecisionKinds.MustLink : MatchDecisionKinds.CannotLink;
        var decision = await AddInTransactionAsync(db, item.LeftKey, item.RightKey, kind, author,
            reason ?? (accept ? "Accepted in review." : "Rejected in review."), cancellationToken);
        item.DecisionId = decision.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ReviewOutcome.Decided, DecisionView.From(decision));
    }

    private async Task<MatchDecisionRow> AddInTransactionAsync(
        ClusterSyncDbContext db, string left, string right, string kind, string author, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.MatchDecisions
            .Where(d => d.RevokedAt == null && ((d.LeftKey == left && d.RightKey == right) || (d.LeftKey == right && d.RightKey == left)))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, now).SetProperty(d => d.RevokedBy, author), cancellationToken);
        var row = new MatchDecisionRow { LeftKey = left, RightKey = right, Kind = kind, Author = author, Reason = reason, CreatedAt = now };
        db.MatchDecisions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    private static (double Probability, long Id) ParseReviewCursor(string cursor)
    {
        var cut = cursor.LastIndexOf('_');
        return cut > 0
            && double.TryParse(cursor.AsSpan(0, cut), NumberStyles.Float, CultureInfo.InvariantCulture, out var probability)
            && long.TryParse(cursor.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (probability, id)
                : throw new InvalidCursorException();
    }
}
