using ClusterSync.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace ClusterSync.Host.Scheduling;

/// <summary>Quartz wiring: the in-memory store on SQLite; on PostgreSQL the clustered ADO job store in the ClusterSync database.</summary>
public static class SchedulingExtensions
{
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, ScheduleValidator>();
        services.AddSingleton<RunningRuns>();
        services.AddSingleton<SyncScheduler>();
        services.AddSingleton<ScheduleSeeder>();
        services.AddHostedService<InstanceHeartbeat>();

        var scheduling = builder.Configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        storage.ConnectionString ??= builder.Configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "ClusterSync");
            if (string.Equals(storage.Provider, nameof(StorageProvider.Postgres), StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(storage.ConnectionString);
                    s.UseSystemTextJsonSerializer();
                    s.ConfigureStore(o =>
                    {
                        o.TablePrefix = QuartzSchema.TablePrefix;
                        o.MisfireThreshold = scheduling.MisfireThreshold;
                    });
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = scheduling.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = scheduling.ClusterCheckinMisfireThreshold;
                    });
                });
            }
            else
            {
                q.UseInMemoryStore(o => o.MisfireThreshold = scheduling.MisfireThreshold);
            }
        });
        builder.AddQuartzHostedService(o =>
        {
            o.AutoStart = scheduling.Enabled;
            o.WaitForJobsToComplete = true;
        });
        return builder;
    }
}

/// <summary>Checks at start that every enabled source's cron expression parses.</summary>
internal sealed class ScheduleValidator(IEnumerable<ClusterSync.Sources.SourceRegistration> registrations, IConfiguration configuration)
    : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var failures = new List<string>();
        foreach (var registration in registrations.Where(r => r.IsEnabled(configuration)))
        {
            try
            {
                SyncScheduler.ParseCron(registration.ScheduleIn(configuration));
            }
            catch (FormatException ex)
            {
                failures.Add($"{registration.Section}:Schedule: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
