using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage;
using ClusterSync.Storage.ReadModels;

namespace ClusterSync.Host.Sync;

/// <summary>
/// Operators' must-link and cannot-link decisions: stored with author, time and reason, recorded among the operator
/// actions, and applied to the directory at once (published like a run, source <c>decisions</c>) and on every later run.
/// </summary>
public sealed class DecisionService(DecisionStore decisions, SourceRecordStore records, OperatorActionStore actions, SyncPipeline pipeline)
{
    /// <summary>The longest reason an operator may give.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>Records and applies a decision; null with the missing key when either record is not in the directory.</summary>
    public async Task<(DecisionView? Decision, SourceRecordKey? Missing)> AddAsync(
        SourceRecordKey left, SourceRecordKey right, string kind, string author, string reason, CancellationToken ct)
    {
        foreach (var key in new[] { left, right })
        {
            if (await records.FindPresentAsync(key, ct) is null)
            {
                return (null, key);
            }
        }

        var decision = await decisions.AddAsync(left, right, kind, author, reason, ct);
        await actions.RecordAsync(author, "decision.add", $"decision:{decision.Id}", $"{kind} {left} {right}: {reason}", ct);
        await pipeline.ApplyDecisionsAsync("decision", author, ct);
        return (decision, null);
    }

    /// <summary>Revokes a decision; false when there is no such active decision.</summary>
    public async Task<bool> RevokeAsync(long id, string author, CancellationToken ct)
    {
        if (!await decisions.RevokeAsync(id, author, ct))
        {
            return false;
        }

        await actions.RecordAsync(author, "decision.revoke", $"decision:{id}", null, ct);
        await pipeline.ApplyDecisionsAsync("decision", author, ct);
        return true;
    }

    /// <summary>Turns a review item into a decision: accept = must-link, reject = cannot-link. Of concurrent calls, one decides.</summary>
    public async Task<ReviewOutcome> DecideReviewAsync(long reviewId, bool accept, string author, string? reason, CancellationToken ct)
    {
        var (outcome, decision) = await decisions.DecideReviewAsync(reviewId, accept, author, reason, ct);
        if (outcome == ReviewOutcome.Decided)
        {
            await actions.RecordAsync(author, accept ? "review.accept" : "review.reject", $"review:{reviewId}", $"decision {decision!.Id}", ct);
            await pipeline.ApplyDecisionsAsync("review", author, ct);
        }

        return outcome;
    }
}
