using ClusterSync.Sources;
using Quartz;

namespace ClusterSync.Host.Scheduling;

/// <summary>
/// Once the scheduler runs: stores one durable, recoverable job per enabled source and seeds its cron trigger from
/// configuration only where none is stored, so that an operator's change (persisted in PostgreSQL's job store) wins
/// over configuration across restarts. A disabled source's schedule is removed.
/// </summary>
internal sealed partial class ScheduleSeeder(
    ISchedulerFactory schedulers,
    IEnumerable<SourceRegistration> registrations,
    IConfiguration configuration,
    ILogger<ScheduleSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var registration in registrations)
        {
            var source = registration.Source;
            if (!registration.IsEnabled(configuration))
            {
                await scheduler.DeleteJob(SyncJob.KeyOf(source), cancellationToken);
                continue;
            }

            var job = JobBuilder.Create<SyncJob>()
                .WithIdentity(SyncJob.KeyOf(source))
                .UsingJobData(SyncJob.SourceKey, source)
                .StoreDurably()
                .RequestRecovery()
                .Build();
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
            var key = SyncScheduler.TriggerOf(source);
            if (await scheduler.Exists(key, cancellationToken))
            {
                LogKept(source);
                continue;
            }

            var cron = SyncScheduler.ParseCron(registration.ScheduleIn(configuration));
            await scheduler.ScheduleJob(SyncScheduler.CronTrigger(source, cron), cancellationToken: cancellationToken);
            LogSeeded(source, cron.CronExpressionString);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Source} seeded from configuration: {Cron} (UTC)")]
    private partial void LogSeeded(string source, string cron);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Source} kept as stored (an operator's change wins over configuration)")]
    private partial void LogKept(string source);
}
