using ClusterSync.Core.Sync;
using ClusterSync.Sources;
using ClusterSync.Sources.Resilience;
using ClusterSync.Storage;
using ClusterSync.Storage.ReadModels;
using Quartz;

namespace ClusterSync.Host.Scheduling;

/// <summary>
/// The operators' handle on the syncs, for the API and the command line: sources with their schedules, schedule
/// changes, pauses, triggers and cancellations. Every change is recorded among the operator actions.
/// </summary>
public sealed class SyncScheduler(
    ISchedulerFactory schedulers,
    IEnumerable<SourceRegistration> registrations,
    IConfiguration configuration,
    RunStore runs,
    OperatorActionStore actions,
    UpstreamCircuits circuits,
    RunningRuns running,
    Microsoft.Extensions.Options.IOptions<StorageOptions> storage)
{
    public const string TriggerGroup = "sync-schedule";

    public static TriggerKey TriggerOf(string source) => new(source, TriggerGroup);

    /// <summary>Every platform, enabled or not, with its schedule and last run.</summary>
    public async Task<IReadOnlyList<SourceStatus>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var last = await runs.LastRunsAsync(cancellationToken);
        var result = new List<SourceStatus>();
        foreach (var registration in registrations)
        {
            result.Add(new SourceStatus(
                registration.Source,
                registration.IsEnabled(configuration),
                await ScheduleOfAsync(scheduler, registration.Source, cancellationToken),
                last.GetValueOrDefault(registration.Source),
                circuits.StateOf(registration.Source)));
        }

        return result;
    }

    public async Task<SourceStatus?> FindSourceAsync(string source, CancellationToken cancellationToken) =>
        (await ListSourcesAsync(cancellationToken)).FirstOrDefault(s => s.Source == source);

    /// <summary>Whether <paramref name="source"/> is an enabled platform.</summary>
    public bool IsEnabled(string source) => registrations.Any(r => r.Source == source && r.IsEnabled(configuration));

    /// <summary>Replaces the source's cron; false when the source has no schedule (disabled). Invalid cron: <see cref="FormatException"/>.</summary>
    public async Task<bool> ChangeScheduleAsync(string source, string cron, string actor, CancellationToken cancellationToken)
    {
        var expression = ParseCron(cron);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = TriggerOf(source);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        var paused = await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
        await scheduler.RescheduleJob(key, CronTrigger(source, expression), cancellationToken);
        if (paused)
        {
            await scheduler.PauseTrigger(key, cancellationToken);
        }

        await actions.RecordAsync(actor, "schedule.change", source, expression.CronExpressionString, cancellationToken);
        return true;
    }

    /// <summary>Pauses or resumes the source's schedule; false when the source has none.</summary>
    public async Task<bool> SetPausedAsync(string source, bool paused, string actor, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = TriggerOf(source);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        if (paused)
        {
            await scheduler.PauseTrigger(key, cancellationToken);
        }
        else
        {
            await scheduler.ResumeTrigger(key, cancellationToken);
        }

        await actions.RecordAsync(actor, paused ? "schedule.pause" : "schedule.resume", source, null, cancellationToken);
        return true;
    }

    /// <summary>Queues a run and fires the source's job now (on whichever instance takes it).</summary>
    /// <exception cref="RunConflictException">The source already has a run queued or running.</exception>
    /// <exception cref="SchedulerUnavailableException">No scheduler of this deployment would run it (<c>Scheduling:Enabled</c> is false).</exception>
    public async Task<SyncRunView> TriggerAsync(string source, ReadMode? mode, bool confirmDeletions, string actor, string trigger, CancellationToken cancellationToken)
    {
        // A run is queued only where a scheduler will take it: the job exists (seeded by a scheduling instance), and this
        // instance runs it, or shares a clustered store (PostgreSQL) with instances that do.
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var clustered = storage.Value.ParsedProvider == StorageProvider.Postgres;
        if (!await scheduler.Exists(SyncJob.KeyOf(source), cancellationToken) || (!clustered && scheduler.Status != SchedulerStatus.Running))
        {
            throw new SchedulerUnavailableException(source);
        }

        var run = await runs.QueueRunAsync(source, mode, confirmDeletions, trigger, actor, cancellationToken);
        var data = new JobDataMap
        {
            [SyncJob.SourceKey] = source,
            [SyncJob.RunIdKey] = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SyncJob.ConfirmKey] = confirmDeletions.ToString(),
            [SyncJob.RequestedByKey] = actor,
            [SyncJob.TriggerKindKey] = trigger,
        };
        if (mode is { } m)
        {
            data[SyncJob.ModeKey] = m.ToString();
        }

        try
        {
            await scheduler.TriggerJob(SyncJob.KeyOf(source), data, cancellationToken);
        }
        catch
        {
            await runs.FinishUnpublishedAsync(run.Id, SyncRunStatus.Failed, "The scheduler could not take the run.", 0, CancellationToken.None);
            throw;
        }

        await actions.RecordAsync(actor, "run.trigger", source, $"run {run.Id}, mode {mode?.ToString().ToLowerInvariant() ?? "auto"}, confirm deletions {confirmDeletions}", cancellationToken);
        return run;
    }

    /// <summary>Asks a run to stop; false when it has ended or does not exist.</summary>
    public async Task<bool> CancelAsync(long runId, string actor, CancellationToken cancellationToken)
    {
        if (!await runs.RequestCancelAsync(runId, actor, cancellationToken))
        {
            return false;
        }

        running.Cancel(runId);
        await actions.RecordAsync(actor, "run.cancel", $"run:{runId}", null, cancellationToken);
        return true;
    }

    /// <summary>Parses a Quartz cron expression (seconds first), with a message an operator can act on.</summary>
    public static CronExpression ParseCron(string? cron) =>
        !string.IsNullOrWhiteSpace(cron) && CronExpression.TryParse(cron.Trim(), out var expression) && expression is not null
            ? expression
            : throw new FormatException($"'{cron}' is not a Quartz cron expression (six or seven fields, seconds first, e.g. '0 0 3 * * ?' for daily at 03:00 UTC).");

    internal static ITrigger CronTrigger(string source, CronExpression cron) =>
        TriggerBuilder.Create()
            .WithIdentity(TriggerOf(source))
            .ForJob(SyncJob.KeyOf(source))
            .WithCronSchedule(cron, b => b.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    private async Task<ScheduleStatus?> ScheduleOfAsync(IScheduler scheduler, string source, CancellationToken ct)
    {
        var key = TriggerOf(source);
        if (await scheduler.GetTrigger(key, ct) is not ICronTrigger trigger)
        {
            return null;
        }

        var state = await scheduler.GetTriggerState(key, ct);
        return new ScheduleStatus(trigger.CronExpressionString ?? "", trigger.TimeZone.Id, state.ToString().ToLowerInvariant(),
            trigger.NextFireTimeUtc, trigger.PreviousFireTimeUtc, storage.Value.ParsedProvider == StorageProvider.Postgres);
    }
}

/// <summary>No scheduler of this deployment runs syncs (<c>Scheduling:Enabled</c> is false): a trigger cannot be taken.</summary>
public sealed class SchedulerUnavailableException(string source)
    : InvalidOperationException($"No scheduler runs syncs of '{source}' here (Scheduling:Enabled is false): enable it, or run the `sync` command.")
{
    public string SourceId { get; } = source;
}
