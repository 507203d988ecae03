using ClusterSync.Core.Sync;
using ClusterSync.Host.Sync;
using ClusterSync.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace ClusterSync.Host.Scheduling;

/// <summary>
/// Quartz's job for one source: fired by the source's cron trigger, by an operator's trigger (the run is then already
/// queued, its id in the job data) or, after an instance died mid-sync, by recovery on another instance. One firing
/// runs one sync; a source never runs twice at once (in this process, across the cluster, and in the run history).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SyncJob(
    SyncService sync,
    RunStore runs,
    RunningRuns running,
    IHostApplicationLifetime lifetime,
    IOptions<InstanceOptions> instances,
    ILogger<SyncJob> logger) : IJob
{
    public const string Group = "sync";
    public const string SourceKey = "source";
    public const string RunIdKey = "runId";
    public const string ModeKey = "mode";
    public const string ConfirmKey = "confirmDeletions";
    public const string RequestedByKey = "requestedBy";
    public const string TriggerKindKey = "trigger";

    public static JobKey KeyOf(string source) => new(source, Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var source = Text(data, SourceKey) ?? context.JobDetail.Key.Name;
        if (!sync.HasSource(source))
        {
            LogUnknownSource(source);
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var recovering = context.Recovering;
        var runId = recovering ? null : Number(data, RunIdKey);
        var mode = Enum.TryParse<ReadMode>(Text(data, ModeKey), ignoreCase: true, out var m) ? m : (ReadMode?)null;
        var confirm = bool.TryParse(Text(data, ConfirmKey), out var c) && c;
        // A firing of the schedule names its scheduled time, so that the run history shows one run per firing.
        var requestedBy = Text(data, RequestedByKey)
            ?? $"scheduler ({(context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)})";
        var trigger = recovering ? "recovery" : Text(data, TriggerKindKey) ?? "schedule";
        runId ??= await QueueAsync(source, mode, confirm, trigger, requestedBy, recovering, stopping.Token);
        if (runId is null)
        {
            return;
        }

        using var registration = running.Register(runId.Value, stopping.Token);
        var outcome = await sync.RunAsync(new SyncRequest(source, mode, trigger, confirm, runId, requestedBy), registration.Token);
        context.Result = outcome.Status;
    }

    /// <summary>
    /// Queues the run a schedule or recovery fires. A firing while the source is busy is skipped; a recovery waits for the
    /// dead instance's run to be abandoned (its heartbeat to lapse), then starts afresh.
    /// </summary>
    private async Task<long?> QueueAsync(string source, ReadMode? mode, bool confirm, string trigger, string requestedBy, bool recovering, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + instances.Value.LapseAfter + instances.Value.HeartbeatInterval * 2;
        while (true)
        {
            try
            {
                return (await runs.QueueRunAsync(source, mode, confirm, trigger, requestedBy, ct)).Id;
            }
            catch (RunConflictException conflict)
            {
                if (!recovering || DateTime.UtcNow >= deadline || !await IsRunningAsync(conflict.RunningRunId, ct))
                {
                    LogSkipped(source, trigger, conflict.RunningRunId);
                    return null;
                }

                LogWaitingForDeadRun(source, conflict.RunningRunId);
                await Task.Delay(instances.Value.HeartbeatInterval, ct);
            }
        }
    }

    /// <summary>Whether a run is running (a dead instance's run, to wait for) rather than queued (which will do the work itself).</summary>
    private async Task<bool> IsRunningAsync(long runId, CancellationToken ct) =>
        (await runs.FindRunAsync(runId, ct))?.Run.Status == SyncRunStatus.Running;

    private static string? Text(JobDataMap data, string key) => data.TryGetValue(key, out var value) ? value?.ToString() : null;

    private static long? Number(JobDataMap data, string key) =>
        long.TryParse(Text(data, key), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sync of {Source} was fired, but no enabled connector reads it; nothing ran")]
    private partial void LogUnknownSource(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Trigger} sync of {Source} is skipped: run {RunId} is still queued or running")]
    private partial void LogSkipped(string source, string trigger, long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovering the sync of {Source}: waiting for run {RunId} of a dead instance to be abandoned")]
    private partial void LogWaitingForDeadRun(string source, long runId);
}
