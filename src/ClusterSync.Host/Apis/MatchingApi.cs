using System.Globalization;
using System.Security.Claims;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Host.Sync;
using ClusterSync.Storage;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>Why records were matched, and the operators' decisions and review queue.</summary>
public static class MatchingApi
{
    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").AddEndpointFilter<ProblemEnrichmentFilter>();
        api.MapGet("/organisations/{id}/explanation", ExplainOrganisation)
            .WithTags("Organisations")
            .WithName("ExplainOrganisation")
            .WithSummary("Explains why an organisation's source records were grouped")
            .WithDescription("For every link inside the organisation: each comparison's level and weight (a waterfall), and the provenance of every golden-record field.")
            .RequireDirectoryReader();
        api.MapGet("/match", ExplainPair)
            .RequireCors(CorsPolicies.Reconciliation)
            .WithTags("Matching")
            .WithName("ExplainPair")
            .WithSummary("Scores and explains any pair of source records")
            .WithDescription("left and right are source record keys, source:sourceId (e.g. us-cluster-mapping:153).")
            .RequireDirectoryReader();

        var ops = api.MapGroup("").WithTags("Decisions").RequireOperator();
        ops.MapGet("/review", ListReview).WithName("ListReview").WithSummary("Pairs in the review band, strongest first");
        ops.MapPost("/review/{id:long}/accept", AcceptReview)
            .WithName("AcceptReview").WithSummary("Accepts a review pair: it becomes a must-link decision");
        ops.MapPost("/review/{id:long}/reject", RejectReview)
            .WithName("RejectReview").WithSummary("Rejects a review pair: it becomes a cannot-link decision");
        ops.MapGet("/decisions", ListDecisions).WithName("ListDecisions").WithSummary("Operators' must-link and cannot-link decisions");
        ops.MapPost("/decisions", AddDecision).WithName("AddDecision").WithSummary("Records a must-link or cannot-link decision and applies it");
        ops.MapDelete("/decisions/{id:long}", RevokeDecision).WithName("RevokeDecision").WithSummary("Revokes a decision and re-applies matching");
        return app;
    }

    public static async Task<Results<Ok<OrganisationExplanation>, RedirectToRouteHttpResult, NotFound<ProblemDetails>, Gone>> ExplainOrganisation(
        string id, DirectoryQueries directory, DirectoryIndex index, CancellationToken ct)
    {
        var organisation = DirectoryIds.IsWellFormed(id) ? await directory.FindAsync(id, ct) : null;
        if (organisation is null)
        {
            return TypedResults.NotFound(Problems.Missing("organisation", id));
        }

        if (organisation.Status == OrganisationStatus.Merged)
        {
            return TypedResults.RedirectToRoute("ExplainOrganisation", new { id = organisation.RedirectTo }, permanent: true);
        }

        if (organisation.Status != OrganisationStatus.Active)
        {
            return new Gone(Problems.Deleted(id));
        }

        var golden = RecordJson.DeserializeGolden(organisation.GoldenJson);
        var members = golden.SourceRecords.Select(m => new SourceRecordKey(m.Source, m.SourceId)).ToList();
        var links = await index.UseAsync((resolver, _) =>
        {
            var pairs = resolver.ClustersContaining(members).SelectMany(c => c.Links)
                .Where(l => members.Contains(l.Left) && members.Contains(l.Right)).Distinct().ToList();
            return Task.FromResult(pairs.Select(p => resolver.Explain(p.Left, p.Right)).ToList());
        }, ct);
        return TypedResults.Ok(new OrganisationExplanation(organisation.Id, organisation.Status, [.. members.Select(m => m.ToString())], links, golden.Provenance));
    }

    public static async Task<Results<Ok<PairExplanation>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> ExplainPair(
        string? left, string? right, DirectoryIndex index, CancellationToken ct)
    {
        if (!SourceRecordKey.TryParse(left, out var l) || !SourceRecordKey.TryParse(right, out var r))
        {
            return TypedResults.BadRequest(Problems.Invalid("left and right must both be source record keys, source:sourceId."));
        }

        return await index.UseAsync<Results<Ok<PairExplanation>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>>((resolver, membership) =>
        {
            foreach (var key in new[] { l, r })
            {
                if (!resolver.TryGetRecord(key, out _))
                {
                    return Task.FromResult<Results<Ok<PairExplanation>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>>(
                        TypedResults.NotFound(Problems.Missing("source record", key.ToString())));
                }
            }

            return Task.FromResult<Results<Ok<PairExplanation>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>>(TypedResults.Ok(resolver.Explain(l, r)));
        }, ct);
    }

    public static async Task<Results<Ok<Page<ReviewItemView>>, BadRequest<ProblemDetails>>> ListReview(
        [AsParameters] PageQuery page, string? status, DecisionStore decisions, CancellationToken ct)
    {
        var wanted = status ?? ReviewStatus.Open;
        if (page.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        if (wanted is not (ReviewStatus.Open or ReviewStatus.Accepted or ReviewStatus.Rejected))
        {
            return TypedResults.BadRequest(Problems.Invalid("status must be open, accepted or rejected."));
        }

        return TypedResults.Ok(await decisions.ListReviewAsync(wanted, page.ToRequest(), ct));
    }

    public static Task<Results<NoContent, BadRequest<ProblemDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AcceptReview(
        long id, DecisionBody? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct) =>
        DecideReview(id, true, body, user, decisions, ct);

    public static Task<Results<NoContent, BadRequest<ProblemDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RejectReview(
        long id, DecisionBody? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct) =>
        DecideReview(id, false, body, user, decisions, ct);

    private static async Task<Results<NoContent, BadRequest<ProblemDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> DecideReview(
        long id, bool accept, DecisionBody? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct)
    {
        if (body?.Reason is { Length: > DecisionService.MaxReasonLength } reason)
        {
            return TypedResults.BadRequest(Problems.Invalid($"reason has {reason.Length} characters; at most {DecisionService.MaxReasonLength}."));
        }

        var outcome = await decisions.DecideReviewAsync(id, accept, AuthorOf(user), body?.Reason, ct);
        return outcome switch
        {
            ReviewOutcome.Decided => TypedResults.NoContent(),
            ReviewOutcome.NotFound => TypedResults.NotFound(Problems.Missing("review item", id.ToString(CultureInfo.InvariantCulture))),
            _ => TypedResults.Conflict(Problems.AlreadyDecided($"Review item {id} was already accepted or rejected.")),
        };
    }

    public static async Task<Results<Ok<Page<DecisionView>>, BadRequest<ProblemDetails>>> ListDecisions(
        [AsParameters] PageQuery page, bool? includeRevoked, DecisionStore decisions, CancellationToken ct) =>
        page.Problem() is { } problem
            ? TypedResults.BadRequest(problem)
            : TypedResults.Ok(await decisions.ListAsync(includeRevoked == true, page.ToRequest(), ct));

    public static async Task<Results<Created<DecisionView>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> AddDecision(
        NewDecision? body, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct)
    {
        if (body is null || !SourceRecordKey.TryParse(body.Left, out var left) || !SourceRecordKey.TryParse(body.Right, out var right))
        {
            return TypedResults.BadRequest(Problems.Invalid("left and right must both be source record keys, source:sourceId."));
        }

        if (body.Kind is not (MatchDecisionKinds.MustLink or MatchDecisionKinds.CannotLink))
        {
            return TypedResults.BadRequest(Problems.Invalid($"kind must be '{MatchDecisionKinds.MustLink}' or '{MatchDecisionKinds.CannotLink}'."));
        }

        if (left == right)
        {
            return TypedResults.BadRequest(Problems.Invalid("A decision needs two different records."));
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return TypedResults.BadRequest(Problems.Invalid("reason is required: say why, for the next operator."));
        }

        if (body.Reason.Length > DecisionService.MaxReasonLength)
        {
            return TypedResults.BadRequest(Problems.Invalid($"reason has {body.Reason.Length} characters; at most {DecisionService.MaxReasonLength}."));
        }

        var (decision, missing) = await decisions.AddAsync(left, right, body.Kind, AuthorOf(user), body.Reason.Trim(), ct);
        return decision is null
            ? TypedResults.NotFound(Problems.Missing("source record", missing!.Value.ToString()))
            : TypedResults.Created($"/v1/decisions/{decision.Id}", decision);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeDecision(long id, ClaimsPrincipal user, DecisionService decisions, CancellationToken ct) =>
        await decisions.RevokeAsync(id, AuthorOf(user), ct)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(Problems.Missing("active decision", id.ToString(CultureInfo.InvariantCulture)));

    private static string AuthorOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}

/// <summary>A new operator decision.</summary>
/// <param name="Kind"><c>must-link</c> or <c>cannot-link</c>.</param>
public sealed record NewDecision(string? Left, string? Right, string? Kind, string? Reason);

/// <summary>Optional reason for accepting or rejecting a review item.</summary>
public sealed record DecisionBody(string? Reason);

/// <summary>Why an organisation's records are together.</summary>
public sealed record OrganisationExplanation(
    string Id,
    string Status,
    IReadOnlyList<string> SourceRecords,
    IReadOnlyList<PairExplanation> Links,
    IReadOnlyDictionary<string, FieldProvenance> Provenance);
