using ClusterSync.Host;
using ClusterSync.Host.Cli;
using ClusterSync.Host.Scheduling;

// ClusterSync.Host serves the directory (`serve`, the default); with another verb it runs one command and exits.
// `--help` lists the verbs; `--Section:Key=value` settings apply to every verb. See README.md.
return await HostCommandLine.RunAsync(args, ServeAsync);

static async Task<int> ServeAsync(string[] settings, CancellationToken cancellationToken)
{
    // Settings files ship beside the executable; relative data paths (the SQLite file) stay relative to the working folder.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = AppContext.BaseDirectory });
    // A start-up failure (a port in use, say) is reported as one error line by the command line, not logged with a stack trace.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    await using var replay = await builder.AddReplayAsync(cancellationToken);
    builder.AddStorage()
        .AddSources()
        .AddMatching()
        .AddScheduling()
        .AddApis()
        .AddTelemetry();

    var app = builder.Build();
    app.MapApis();
    await app.PrepareDatabaseAsync(cancellationToken);
    await app.RunAsync();
    return ExitCodes.Success;
}
