using System.CommandLine;
using ClusterSync.Host.Scheduling;
using ClusterSync.Sources.Recorded;
using Microsoft.Extensions.Logging.Console;
using Quartz;

namespace ClusterSync.Host.Cli;

/// <summary>
/// The service's parts without its web server or scheduler, for an operator's one-shot verb: the same storage,
/// sources, matching and schedule store as <c>serve</c>, on the same configuration. Only warnings are logged, on
/// standard error, so that standard output carries the verb's answer alone.
/// </summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly RecordedUpstreams? _replay;
    private IHostedService? _heartbeat;

    private OperatorHost(WebApplication app, RecordedUpstreams? replay)
    {
        App = app;
        _replay = replay;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Who acts, in the operator audit: the shell user.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    public static async Task<OperatorHost> StartAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        // This process never fires schedules nor syncs on its own; the serving instances do.
        string[] settings = [.. parse.UnmatchedTokens, "--Scheduling:Enabled=false", "--Sync:RunOnStartup=false"];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        var replay = await builder.AddReplayAsync(cancellationToken);
        try
        {
            builder.AddStorage().AddSources().AddMatching().AddScheduling();
            var app = builder.Build();
            await app.PrepareDatabaseAsync(cancellationToken);
            return new OperatorHost(app, replay);
        }
        catch
        {
            if (replay is not null)
            {
                await replay.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Announces this process as a live instance while it runs a sync, so that the serving instances do not take its
    /// run for a dead instance's, and stops the run when an operator cancels it.
    /// </summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        _heartbeat = Services.GetServices<IHostedService>().OfType<InstanceHeartbeat>().Single();
        await _heartbeat.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_heartbeat is not null)
        {
            await _heartbeat.StopAsync(CancellationToken.None);
        }

        // The schedule store was read, never started: let it go without waiting for jobs.
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Shutdown(waitForJobsToComplete: false);
        await App.DisposeAsync();
        if (_replay is not null)
        {
            await _replay.DisposeAsync();
        }
    }
}
