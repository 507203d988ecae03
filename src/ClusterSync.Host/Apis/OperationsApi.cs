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
            .WithDescription("kind=warning lists instead the records that were stored with fields left out, with a warning for each field.")
            .RequireOperator();
        return app;
    }

    public static async Task<Results<Ok<Page<SyncRunView>>, BadRequest<ProblemDetails>>> ListRuns(
        [AsParameters] PageQuery page, string? source, RunStore runs, CancellationToken cancellationToken) =>
        page.Problem() is { } problem
            ? TypedResults.BadRequest(problem)
            : TypedResults.Ok(await runs.ListRunsAsync(source, page.ToRequest(), cancellationToken));

    public static async Task<Results<Ok<Page<QuarantineView>>, Ok<Page<ReadWarningView>>, BadRequest<ProblemDetails>>> ListQuarantine(
        [AsParameters] PageQuery page, string? source, bool? includeResolved, string? kind, RunStore runs, SourceRecordStore records,
        CancellationToken cancellationToken)
    {
        if (page.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        return kind switch
        {
            null or "quarantine" => TypedResults.Ok(await runs.ListQuarantineAsync(source, includeResolved == true, page.ToRequest(), cancellationToken)),
            "warning" => TypedResults.Ok(await records.ListReadWarningsAsync(source, page.ToRequest(), cancellationToken)),
            _ => TypedResults.BadRequest(Problems.Invalid("kind must be 'quarantine' or 'warning'.")),
        };
    }
}
