using System.Security.Claims;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Host.Sync;
using ClusterSync.Storage;
using ClusterSync.Storage.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Host.Apis;

/// <summary>Why records were matched, and the operators' decisions and review queue.</summary>
public static class MatchingApi
{
    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/organisations/{id}/explanation", ExplainOrganisation)
            .WithTags("Organisations")
            .WithName("ExplainOrganisation")
            .WithSummary("Explains why an organisation's source records were grouped")
            .WithDescription("For every link inside the organisation: each comparison's level and weight (a waterfall), and the provenance of every golden-record field.");
        app.MapGet("/v1/match", ExplainPair)
            .WithTags("Matching")
            .WithName("ExplainPair")
            .WithSummary("Scores and explains any pair of source records")
            .WithDescription("left and right are source record keys, source:sourceId (e.g. us-cluster-mapping:153).");

        var ops = app.MapGroup("/v1").WithTags("Decisions").RequireAuthorization(Extensions.OperatorPolicy);
        ops.MapGet("/review", ListReview).WithName("ListReview").WithSummary("Pairs in the review band, strongest first");
        ops.MapPost("/review/{id:long}/accept", (long id, DecisionBody? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct) =>
                DecideReview(id, true, body, user, decisions, ct))
            .WithName("AcceptReview").WithSummary("Accepts a review pair: it becomes a must-link decision");
        ops.MapPost("/review/{id:long}/reject", (long id, DecisionBody? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct) =>
                DecideReview(id, false, body, user, decisions, ct))
            .WithName("RejectReview").WithSummary("Rejects a review pair: it becomes a cannot-link decision");
        ops.MapGet("/decisions", ListDecisions).WithName("ListDecisions").WithSummary("Operators' must-link and cannot-link decisions");
        ops.MapPost("/decisions", AddDecision).WithName("AddDecision").WithSummary("Records a must-link or cannot-link decision and applies it");
        ops.MapDelete("/decisions/{id:long}", RevokeDecision).WithName("RevokeDecision").WithSummary("Revokes a decision and re-applies matching");
        return app;
    }

    public static async Task<Results<Ok<OrganisationExplanation>, RedirectToRouteHttpResult, ProblemHttpResult>> ExplainOrganisation(
        string id, ClusterSyncDbContext db, DirectoryState state, CancellationToken ct)
    {
        var row = DirectoryIds.IsWellFormed(id) ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) : null;
        if (row is null)
        {
            return TypedResults.Problem(Problems.Missing("organisation", id));
        }

        if (row.Status == OrganisationStatus.Merged)
        {
            return TypedResults.RedirectToRoute("ExplainOrganisation", new { id = row.RedirectTo }, permanent: true);
        }

        var golden = RecordJson.DeserializeGolden(row.GoldenJson);
        var members = golden.SourceRecords.Select(m => new SourceRecordKey(m.Source, m.SourceId)).ToList();
        var links = await state.UseAsync((resolver, _) =>
        {
            var pairs = resolver.ClustersContaining(members).SelectMany(c => c.Links)
                .Where(l => members.Contains(l.Left) && members.Contains(l.Right)).Distinct().ToList();
            return Task.FromResult(pairs.Select(p => resolver.Explain(p.Left, p.Right)).ToList());
        }, ct);
        return TypedResults.Ok(new OrganisationExplanation(row.Id, row.Status, [.. members.Select(m => m.ToString())], links, golden.Provenance));
    }

    public static async Task<Results<Ok<PairExplanation>, ProblemHttpResult>> ExplainPair(
        string? left, string? right, DirectoryState state, CancellationToken ct)
    {
        if (!SourceRecordKey.TryParse(left, out var l) || !SourceRecordKey.TryParse(right, out var r))
        {
            return TypedResults.Problem(Problems.Invalid("left and right must both be source record keys, source:sourceId."));
        }

        return await state.UseAsync<Results<Ok<PairExplanation>, ProblemHttpResult>>((resolver, membership) =>
        {
            foreach (var key in new[] { l, r })
            {
                if (!resolver.TryGetRecord(key, out _))
                {
                    return Task.FromResult<Results<Ok<PairExplanation>, ProblemHttpResult>>(
                        TypedResults.Problem(Problems.Missing("source record", key.ToString())));
                }
            }

            return Task.FromResult<Results<Ok<PairExplanation>, ProblemHttpResult>>(TypedResults.Ok(resolver.Explain(l, r)));
        }, ct);
    }

    public static async Task<Results<Ok<List<ReviewItemResource>>, ProblemHttpResult>> ListReview(
        string? status, int? limit, ClusterSyncDbContext db, CancellationToken ct)
    {
        var take = limit ?? 100;
        var wanted = status ?? ReviewStatus.Open;
        if (take is < 1 or > 1000 || wanted is not (ReviewStatus.Open or ReviewStatus.Accepted or ReviewStatus.Rejected))
        {
            return TypedResults.Problem(Problems.Invalid("status must be open, accepted or rejected; limit between 1 and 1000."));
        }

        var rows = await db.ReviewItems.AsNoTracking().Where(r => r.Status == wanted)
            .OrderByDescending(r => r.Probability).ThenBy(r => r.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ReviewItemResource.From).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DecideReview(
        long id, bool accept, DecisionBody? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct)
    {
        var outcome = await decisions.DecideReviewAsync(id, accept, AuthorOf(user), body?.Reason, ct);
        return outcome switch
        {
            ReviewOutcome.Decided => TypedResults.NoContent(),
            ReviewOutcome.NotFound => TypedResults.Problem(Problems.Missing("review item", id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            _ => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, Problems.Conflict, "Already decided.",
                $"Review item {id} was already accepted or rejected.")),
        };
    }

    public static async Task<Ok<List<MatchDecisionRow>>> ListDecisions(bool? includeRevoked, ClusterSyncDbContext db, CancellationToken ct)
    {
        var rows = db.MatchDecisions.AsNoTracking();
        if (includeRevoked != true)
        {
            rows = rows.Where(d => d.RevokedAt == null);
        }

        return TypedResults.Ok(await rows.OrderByDescending(d => d.Id).ToListAsync(ct));
    }

    public static async Task<Results<Created<MatchDecisionRow>, ProblemHttpResult>> AddDecision(
        NewDecision? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct)
    {
        if (body is null || !SourceRecordKey.TryParse(body.Left, out var left) || !SourceRecordKey.TryParse(body.Right, out var right))
        {
            return TypedResults.Problem(Problems.Invalid("left and right must both be source record keys, source:sourceId."));
        }

        if (body.Kind is not (MatchDecisionKinds.MustLink or MatchDecisionKinds.CannotLink))
        {
            return TypedResults.Problem(Problems.Invalid($"kind must be '{MatchDecisionKinds.MustLink}' or '{MatchDecisionKinds.CannotLink}'."));
        }

        if (left == right)
        {
            return TypedResults.Problem(Problems.Invalid("A decision needs two different records."));
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return TypedResults.Problem(Problems.Invalid("reason is required: say why, for the next operator."));
        }

        var row = await decisions.AddAsync(left, right, body.Kind, AuthorOf(user), body.Reason.Trim(), ct);
        return TypedResults.Created($"/v1/decisions/{row.Id}", row);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeDecision(long id, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct) =>
        await decisions.RevokeAsync(id, AuthorOf(user), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(Problems.Missing("active decision", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string AuthorOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}

/// <summary>A new operator decision.</summary>
/// <param name="Kind"><c>must-link</c> or <c>cannot-link</c>.</param>
public sealed record NewDecision(string? Left, string? Right, string? Kind, string? Reason);

/// <summary>Optional reason for accepting or rejecting a review item.</summary>
public sealed record DecisionBody(string? Reason);

public sealed record ReviewItemResource(long Id, string Left, string Right, double Probability, string Status, DateTimeOffset CreatedAt, string? DecidedBy)
{
    internal static ReviewItemResource From(ReviewItemRow row) =>
        new(row.Id, row.LeftKey, row.RightKey, row.Probability, row.Status, row.CreatedAt, row.DecidedBy);
}

/// <summary>Why an organisation's records are together.</summary>
public sealed record OrganisationExplanation(
    string Id,
    string Status,
    IReadOnlyList<string> SourceRecords,
    IReadOnlyList<PairExplanation> Links,
    IReadOnlyDictionary<string, FieldProvenance> Provenance);
