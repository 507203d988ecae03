using ClusterSync.Storage;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>What operators look at: run history and quarantined records.</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Operations").AddEndpointFilter<ProblemEnrichmentFilter>();
        api.MapGet("/sync-runs", ListRuns)
            .WithName("ListSyncRuns")
            .WithSummary("Lists sync runs, newest first, with their counts and errors");
        api.MapGet("/quarantine", ListQuarantine)
            .WithName("ListQuarantine")
            .WithSummary("Lists quarantined upstream records with the reason each was quarantined")
            .RequireOperator();
        return app;
    }

    public static async Task<Results<Ok<Page<SyncRunView>>, BadRequest<ProblemDetails>>> ListRuns(
        [AsParameters] PageQuery page, string? source, RunStore runs, CancellationToken cancellationToken) =>
        page.Problem() is { } problem
            ? TypedResults.BadRequest(problem)
            : TypedResults.Ok(await runs.ListRunsAsync(source, page.ToRequest(), cancellationToken));

    public static async Task<Results<Ok<Page<QuarantineView>>, BadRequest<ProblemDetails>>> ListQuarantine(
        [AsParameters] PageQuery page, string? source, bool? includeResolved, RunStore runs, CancellationToken cancellationToken) =>
        page.Problem() is { } problem
            ? TypedResults.BadRequest(problem)
            : TypedResults.Ok(await runs.ListQuarantineAsync(source, includeResolved == true, page.ToRequest(), cancellationToken));
}
