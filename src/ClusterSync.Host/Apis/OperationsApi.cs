using ClusterSync.Storage;
using ClusterSync.Storage.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Host.Apis;

/// <summary>What operators look at: run history and quarantined records.</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Operations");
        api.MapGet("/sync-runs", ListRuns)
            .WithName("ListSyncRuns")
            .WithSummary("Lists sync runs, newest first, with their counts and errors");
        api.MapGet("/quarantine", ListQuarantine)
            .WithName("ListQuarantine")
            .WithSummary("Lists quarantined upstream records with the reason each was quarantined")
            .RequireAuthorization(Extensions.OperatorPolicy);
        return app;
    }

    public static async Task<Results<Ok<List<SyncRunRow>>, ProblemHttpResult>> ListRuns(
        string? source, int? limit, ClusterSyncDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? 50;
        if (take is < 1 or > 500)
        {
            return TypedResults.Problem(Problems.Invalid("limit must be between 1 and 500."));
        }

        var runs = db.SyncRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(source))
        {
            runs = runs.Where(r => r.Source == source);
        }

        return TypedResults.Ok(await runs.OrderByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<List<QuarantinedRecordRow>>, ProblemHttpResult>> ListQuarantine(
        string? source, bool? includeResolved, int? limit, ClusterSyncDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            return TypedResults.Problem(Problems.Invalid("limit must be between 1 and 1000."));
        }

        var rows = db.QuarantinedRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(source))
        {
            rows = rows.Where(q => q.Source == source);
        }

        if (includeResolved != true)
        {
            rows = rows.Where(q => q.ResolvedInRunId == null);
        }

        return TypedResults.Ok(await rows.OrderByDescending(q => q.Id).Take(take).ToListAsync(cancellationToken));
    }
}
