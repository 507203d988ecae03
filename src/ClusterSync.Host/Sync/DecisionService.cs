using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage;
using ClusterSync.Storage.ReadModels;

namespace ClusterSync.Host.Sync;

/// <summary>
/// Operators' must-link and cannot-link decisions: stored with author, time and reason, and applied to the
/// directory at once (published like a run, source <c>decisions</c>) and on every later run.
/// </summary>
public sealed class DecisionService(DecisionStore decisions, SyncPipeline pipeline)
{
    public async Task<DecisionView> AddAsync(SourceRecordKey left, SourceRecordKey right, string kind, string author, string reason, CancellationToken ct)
    {
        var decision = await decisions.AddAsync(left, right, kind, author, reason, ct);
        await pipeline.ApplyDecisionsAsync($"{kind} by {author}", ct);
        return decision;
    }

    /// <summary>Revokes a decision; false when there is no such active decision.</summary>
    public async Task<bool> RevokeAsync(long id, string author, CancellationToken ct)
    {
        if (!await decisions.RevokeAsync(id, author, ct))
        {
            return false;
        }

        await pipeline.ApplyDecisionsAsync($"revocation by {author}", ct);
        return true;
    }

    /// <summary>Turns a review item into a decision: accept = must-link, reject = cannot-link.</summary>
    public async Task<ReviewOutcome> DecideReviewAsync(long reviewId, bool accept, string author, string? reason, CancellationToken ct)
    {
        var (outcome, decision) = await decisions.DecideReviewAsync(reviewId, accept, author, reason, ct);
        if (outcome == ReviewOutcome.Decided)
        {
            await pipeline.ApplyDecisionsAsync($"{decision!.Kind} by {author}", ct);
        }

        return outcome;
    }
}
