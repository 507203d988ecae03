using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Host.Sync;

/// <summary>
/// Operators' must-link and cannot-link decisions: stored with author, time and reason, applied to the
/// directory at once (published like a run, source <c>decisions</c>) and on every later run.
/// </summary>
public sealed class DecisionService(
    IClusterSyncDbContextFactory contexts,
    DirectoryStore store,
    DirectoryState state,
    DirectoryReconciler reconciler,
    TimeProvider time)
{
    public const string RunSource = "decisions";

    public async Task<MatchDecisionRow> AddAsync(SourceRecordKey left, SourceRecordKey right, string kind, string author, string reason, CancellationToken ct)
    {
        var row = new MatchDecisionRow
        {
            LeftKey = left.ToString(),
            RightKey = right.ToString(),
            Kind = kind,
            Author = author,
            Reason = reason,
            CreatedAt = time.GetUtcNow(),
        };
        await using (var db = contexts.CreateDbContext())
        {
            // A newer decision about the same pair replaces the older one.
            var now = time.GetUtcNow();
            await db.MatchDecisions
                .Where(d => d.RevokedAt == null && ((d.LeftKey == row.LeftKey && d.RightKey == row.RightKey) || (d.LeftKey == row.RightKey && d.RightKey == row.LeftKey)))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, now).SetProperty(d => d.RevokedBy, author), ct);
            db.MatchDecisions.Add(row);
            await db.SaveChangesAsync(ct);
        }

        await ApplyAsync($"{kind} by {author}", ct);
        return row;
    }

    /// <summary>Revokes a decision; false when there is no such active decision.</summary>
    public async Task<bool> RevokeAsync(long id, string author, CancellationToken ct)
    {
        await using (var db = contexts.CreateDbContext())
        {
            var now = time.GetUtcNow();
            var updated = await db.MatchDecisions.Where(d => d.Id == id && d.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedAt, now).SetProperty(d => d.RevokedBy, author), ct);
            if (updated == 0)
            {
                return false;
            }
        }

        await ApplyAsync($"revocation by {author}", ct);
        return true;
    }

    /// <summary>Turns a review item into a decision: accept = must-link, reject = cannot-link.</summary>
    public async Task<ReviewOutcome> DecideReviewAsync(long reviewId, bool accept, string author, string? reason, CancellationToken ct)
    {
        ReviewItemRow? item;
        await using (var db = contexts.CreateDbContext())
        {
            item = await db.ReviewItems.FirstOrDefaultAsync(r => r.Id == reviewId, ct);
            if (item is null)
            {
                return ReviewOutcome.NotFound;
            }

            if (item.Status != ReviewStatus.Open)
            {
                return ReviewOutcome.AlreadyDecided;
            }
        }

        SourceRecordKey.TryParse(item.LeftKey, out var left);
        SourceRecordKey.TryParse(item.RightKey, out var right);
        var kind = accept ? MatchDecisionKinds.MustLink : MatchDecisionKinds.CannotLink;
        var decision = await AddAsync(left, right, kind, author, reason ?? (accept ? "Accepted in review." : "Rejected in review."), ct);
        await using (var db = contexts.CreateDbContext())
        {
            var now = time.GetUtcNow();
            await db.ReviewItems.Where(r => r.Id == reviewId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, accept ? ReviewStatus.Accepted : ReviewStatus.Rejected)
                .SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecidedBy, author)
                .SetProperty(r => r.DecisionId, decision.Id), ct);
        }

        return ReviewOutcome.Decided;
    }

    /// <summary>Re-reconciles the records whose decisions changed and publishes the result as one run.</summary>
    private async Task ApplyAsync(string trigger, CancellationToken ct)
    {
        var decisions = await store.LoadActiveDecisionsAsync(ct);
        var runId = await store.StartRunAsync(RunSource, ReadMode.Incremental, trigger, ct);
        try
        {
            await state.UseAsync(async (resolver, membership) =>
            {
                var dirty = resolver.Apply([], [], decisions);
                var reconciliation = reconciler.Reconcile(resolver, membership, dirty);
                await store.PublishAsync(new RunPublication
                {
                    RunId = runId,
                    Source = RunSource,
                    ItemsRead = 0,
                    Changes = new ChangeSet([], [], 0, []),
                    RawPayloads = new Dictionary<string, string>(),
                    ReappearedIds = new HashSet<string>(),
                    NewQuarantine = [],
                    ResolvedQuarantineIds = [],
                    QuarantinedInRun = 0,
                    Reconciliation = reconciliation,
                }, ct);
                membership.Apply(reconciliation);
                return true;
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.FailRunAsync(runId, RunFailure.Describe(ex), 0, CancellationToken.None);
            throw;
        }
    }
}

public enum ReviewOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
}
