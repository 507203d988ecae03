using System.Globalization;
using System.Security.Claims;
using ClusterSync.Core.Sync;
using ClusterSync.Host.Scheduling;
using ClusterSync.Storage;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>
/// What operators look at and do, under <c>/v1/ops</c>: sources and their schedules, runs (trigger, follow, cancel,
/// confirm or reject held deletions), quarantine, the record of operator actions and the live instances. Reading needs
/// any key; changing needs the <c>operator</c> scope.
/// </summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/v1/ops").WithTags("Operations").AddEndpointFilter<ProblemEnrichmentFilter>();
        var read = ops.MapGroup("").RequireReader();
        var act = ops.MapGroup("").RequireOperator();

        read.MapGet("/sources", ListSources).WithName("ListSources")
            .WithSummary("Lists the upstream platforms: enabled, schedule, next fire time, last run, circuit breaker");
        read.MapGet("/sources/{source}", GetSource).WithName("GetSource").WithSummary("One platform's state");
        act.MapPut("/sources/{source}/schedule", ChangeSchedule).WithName("ChangeSchedule")
            .WithSummary("Changes a platform's sync schedule (Quartz cron, seconds first, UTC)");
        act.MapPost("/sources/{source}/schedule/pause", PauseSchedule).WithName("PauseSchedule").WithSummary("Pauses a platform's schedule");
        act.MapPost("/sources/{source}/schedule/resume", ResumeSchedule).WithName("ResumeSchedule").WithSummary("Resumes a platform's schedule");
        act.MapPost("/sources/{source}/runs", TriggerRun).WithName("TriggerRun")
            .WithSummary("Queues a sync of a platform now")
            .WithDescription("Answers 202 with the queued run and its Location; 409 with the running run's id when the platform is already syncing.");

        read.MapGet("/runs", ListRuns).WithName("ListRuns").WithSummary("Lists sync runs, newest first, with their counts and errors");
        read.MapGet("/runs/{id:long}", GetRun).WithName("GetRun").WithSummary("One run with its per-phase timings, counts and held deletions");
        act.MapPost("/runs/{id:long}/cancel", CancelRun).WithName("CancelRun").WithSummary("Cancels a queued or running run (nothing of it is published)");
        act.MapPost("/runs/{id:long}/confirm", ConfirmHeld).WithName("ConfirmHeldDeletions")
            .WithSummary("Confirms a held run's deletions: a new run deletes the records the platform no longer lists");
        act.MapPost("/runs/{id:long}/reject", RejectHeld).WithName("RejectHeldDeletions")
            .WithSummary("Rejects a held run's deletions: nothing is deleted");

        act.MapGet("/quarantine", ListQuarantine).WithName("ListQuarantine")
            .WithSummary("Lists quarantined upstream records with the reason each was quarantined")
            .WithDescription("kind=warning lists instead the records that were stored with fields left out, with a warning for each field.");
        act.MapGet("/actions", ListActions).WithName("ListOperatorActions").WithSummary("Lists what operators did: who, what, when");
        read.MapGet("/instances", ListInstances).WithName("ListInstances").WithSummary("Lists the live instances of the service");

        // The pre-/v1/ops paths, kept as permanent redirects for one version.
        app.MapGet("/v1/sync-runs", (HttpRequest request) => TypedResults.Redirect("/v1/ops/runs" + request.QueryString, permanent: true, preserveMethod: true))
            .ExcludeFromDescription();
        app.MapGet("/v1/quarantine", (HttpRequest request) => TypedResults.Redirect("/v1/ops/quarantine" + request.QueryString, permanent: true, preserveMethod: true))
            .ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SourceStatus>>> ListSources(SyncScheduler scheduler, CancellationToken ct) =>
        TypedResults.Ok(await scheduler.ListSourcesAsync(ct));

    public static async Task<Results<Ok<SourceStatus>, NotFound<ProblemDetails>>> GetSource(string source, SyncScheduler scheduler, CancellationToken ct) =>
        await scheduler.FindSourceAsync(source, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound(Problems.Missing("source", source));

    /// <summary>A new schedule.</summary>
    /// <param name="Cron">A Quartz cron expression (six or seven fields, seconds first), in UTC, e.g. <c>0 0 3 * * ?</c>.</param>
    public sealed record ScheduleBody(string? Cron);

    public static async Task<Results<Ok<SourceStatus>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> ChangeSchedule(
        string source, ScheduleBody? body, ClaimsPrincipal user, SyncScheduler scheduler, CancellationToken ct)
    {
        try
        {
            SyncScheduler.ParseCron(body?.Cron);
        }
        catch (FormatException ex)
        {
            return TypedResults.BadRequest(Problems.Invalid("cron: " + ex.Message));
        }

        return await scheduler.ChangeScheduleAsync(source, body!.Cron!, Actor(user), ct)
            ? TypedResults.Ok((await scheduler.FindSourceAsync(source, ct))!)
            : TypedResults.NotFound(Problems.Missing("scheduled source", source));
    }

    public static Task<Results<Ok<SourceStatus>, NotFound<ProblemDetails>>> PauseSchedule(string source, ClaimsPrincipal user, SyncScheduler scheduler, CancellationToken ct) =>
        SetPausedAsync(source, true, user, scheduler, ct);

    public static Task<Results<Ok<SourceStatus>, NotFound<ProblemDetails>>> ResumeSchedule(string source, ClaimsPrincipal user, SyncScheduler scheduler, CancellationToken ct) =>
        SetPausedAsync(source, false, user, scheduler, ct);

    private static async Task<Results<Ok<SourceStatus>, NotFound<ProblemDetails>>> SetPausedAsync(
        string source, bool paused, ClaimsPrincipal user, SyncScheduler scheduler, CancellationToken ct) =>
        await scheduler.SetPausedAsync(source, paused, Actor(user), ct)
            ? TypedResults.Ok((await scheduler.FindSourceAsync(source, ct))!)
            : TypedResults.NotFound(Problems.Missing("scheduled source", source));

    /// <summary>What to run.</summary>
    /// <param name="Mode"><c>full</c> (decides deletions) or <c>incremental</c>; absent: the configured default.</param>
    /// <param name="ConfirmDeletions">Let the run delete more than the deletion guard allows.</param>
    public sealed record TriggerBody(string? Mode, bool? ConfirmDeletions);

    public static async Task<Results<Accepted<SyncRunView>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> TriggerRun(
        string source, TriggerBody? body, ClaimsPrincipal user, SyncScheduler scheduler, CancellationToken ct)
    {
        if (!scheduler.IsEnabled(source))
        {
            return TypedResults.NotFound(Problems.Missing("enabled source", source));
        }

        ReadMode? mode = null;
        if (body?.Mode is { } text)
        {
            if (!Enum.TryParse<ReadMode>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(text, out _))
            {
                return TypedResults.BadRequest(Problems.Invalid("mode must be 'full' or 'incremental'."));
            }

            mode = parsed;
        }

        try
        {
            var run = await scheduler.TriggerAsync(source, mode, body?.ConfirmDeletions == true, Actor(user), "api", ct);
            return TypedResults.Accepted($"/v1/ops/runs/{run.Id}", run);
        }
        catch (RunConflictException conflict)
        {
            var problem = Problems.Create(StatusCodes.Status409Conflict, Problems.Conflict, "The source is already syncing.",
                $"Run {conflict.RunningRunId} of '{source}' is queued or running; follow it at /v1/ops/runs/{conflict.RunningRunId}.");
            problem.Extensions["runningRunId"] = conflict.RunningRunId;
            return TypedResults.Conflict(problem);
        }
        catch (SchedulerUnavailableException unavailable)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status503ServiceUnavailable, Problems.SchedulerUnavailable,
                "No scheduler takes syncs here.", unavailable.Message));
        }
    }

    public static async Task<Results<Ok<Page<SyncRunView>>, BadRequest<ProblemDetails>>> ListRuns(
        [AsParameters] PageQuery page, string? source, string? status, string? trigger, DateTimeOffset? since, RunStore runs, CancellationToken ct)
    {
        if (page.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        if (status is not null && !SyncRunStatus.All.Contains(status))
        {
            return TypedResults.BadRequest(Problems.Invalid($"status must be one of {string.Join(", ", SyncRunStatus.All)}."));
        }

        return TypedResults.Ok(await runs.ListRunsAsync(new RunFilter(source, status, trigger, since), page.ToRequest(), ct));
    }

    public static async Task<Results<Ok<SyncRunDetail>, NotFound<ProblemDetails>>> GetRun(long id, RunStore runs, CancellationToken ct) =>
        await runs.FindRunAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound(Problems.Missing("run", Id(id)));

    public static async Task<Results<Accepted, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CancelRun(
        long id, ClaimsPrincipal user, SyncScheduler scheduler, RunStore runs, CancellationToken ct)
    {
        if (await scheduler.CancelAsync(id, Actor(user), ct))
        {
            return TypedResults.Accepted($"/v1/ops/runs/{Id(id)}");
        }

        return await runs.FindRunAsync(id, ct) is null
            ? TypedResults.NotFound(Problems.Missing("run", Id(id)))
            : TypedResults.Conflict(Problems.Create(StatusCodes.Status409Conflict, Problems.Conflict, "The run has ended.", $"Run {id} is neither queued nor running."));
    }

    public static async Task<Results<Ok<SyncOutcome>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ConfirmHeld(
        long id, ClaimsPrincipal user, SyncPipeline pipeline, RunStore runs, OperatorActionStore actions, CancellationToken ct)
    {
        try
        {
            if (await pipeline.ConfirmHeldDeletionsAsync(id, Actor(user), ct) is { } outcome)
            {
                await actions.RecordAsync(Actor(user), "hold.confirm", $"run:{Id(id)}", $"run {outcome.RunId} deleted {outcome.Gone}", ct);
                return TypedResults.Ok(outcome);
            }
        }
        catch (RunConflictException conflict)
        {
            return TypedResults.Conflict(Problems.Create(StatusCodes.Status409Conflict, Problems.Conflict, "The source is syncing.",
                $"Run {conflict.RunningRunId} of the source is queued or running; confirm once it has ended."));
        }

        return await runs.FindRunAsync(id, ct) is null
            ? TypedResults.NotFound(Problems.Missing("run", Id(id)))
            : TypedResults.Conflict(NoPendingHold(id));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RejectHeld(
        long id, ClaimsPrincipal user, RunStore runs, OperatorActionStore actions, CancellationToken ct)
    {
        if (await runs.RejectHoldAsync(id, Actor(user), ct))
        {
            await actions.RecordAsync(Actor(user), "hold.reject", $"run:{Id(id)}", null, ct);
            return TypedResults.NoContent();
        }

        return await runs.FindRunAsync(id, ct) is null
            ? TypedResults.NotFound(Problems.Missing("run", Id(id)))
            : TypedResults.Conflict(NoPendingHold(id));
    }

    private static ProblemDetails NoPendingHold(long id) =>
        Problems.Create(StatusCodes.Status409Conflict, Problems.Conflict, "No deletions are held.",
            $"Run {id} holds no pending deletions (it was not held, or its hold was confirmed, rejected or superseded).");

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

    public static async Task<Results<Ok<Page<OperatorActionView>>, BadRequest<ProblemDetails>>> ListActions(
        [AsParameters] PageQuery page, string? actor, string? action, OperatorActionStore actions, CancellationToken ct) =>
        page.Problem() is { } problem
            ? TypedResults.BadRequest(problem)
            : TypedResults.Ok(await actions.ListAsync(actor, action, page.ToRequest(), ct));

    public static async Task<Ok<IReadOnlyList<InstanceView>>> ListInstances(InstanceStore instances, CancellationToken ct) =>
        TypedResults.Ok(await instances.ListAliveAsync(ct));

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
