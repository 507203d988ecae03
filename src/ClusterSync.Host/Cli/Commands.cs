using ClusterSync.Sources.Recorded;
using ClusterSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClusterSync.Host.Cli;

/// <summary>The executable's entry: the service by default, or one command verb.</summary>
public static class Commands
{
    /// <summary>Exit code for a configuration or environment problem the user can fix.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Exit code for a database that cannot be reached or migrated.</summary>
    public const int DatabaseError = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return args.Length > 0 && VerbCommands.IsVerb(args[0])
                ? await VerbCommands.RunAsync(args)
                : await ServeAsync(args);
        }
        catch (Exception ex) when (ex is not HostAbortedException && FriendlyMessage(ex) is { } message)
        {
            await Console.Error.WriteLineAsync("error: " + message);
            return ex is OptionsValidationException or InvalidOperationException or ArgumentException ? ConfigurationError : DatabaseError;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        // Settings files ship beside the executable; relative data paths (the SQLite file) stay relative to
        // the working folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        await using var replay = await StartReplayAsync(builder);
        builder.AddClusterSyncServices();
        var app = builder.Build();
        app.MapClusterSyncEndpoints();
        await app.PrepareDatabaseAsync(CancellationToken.None);
        await app.RunAsync();
        return 0;
    }

    /// <summary>With <c>Replay:Enabled=true</c>: serves the recorded upstreams locally and points the sources at them.</summary>
    private static async Task<RecordedUpstreams?> StartReplayAsync(WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>("Replay:Enabled"))
        {
            return null;
        }

        var sources = RecordedUpstreams.SourcesToReplay(builder.Configuration["Replay:Sources"]);
        var replay = await RecordedUpstreams.StartAsync(CancellationToken.None);
        var settings = new Dictionary<string, string?>(replay.SettingsFor(sources));
        if (builder.Configuration["Sync:RunOnStartup"] is null)
        {
            settings["Sync:RunOnStartup"] = "true";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return replay;
    }

    /// <summary>Validates storage options, then applies migrations when configured.</summary>
    public static async Task PrepareDatabaseAsync(this IHost app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.MigrateOnStartup)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
    }

    /// <summary>A one-line explanation for failures a user can act on; null for genuine bugs.</summary>
    internal static string? FriendlyMessage(Exception ex) => ex switch
    {
        OptionsValidationException o => "invalid configuration: " + string.Join("; ", o.Failures),
        NpgsqlException n => "cannot reach or use the PostgreSQL database: " + OneLine(n.InnerException is { } inner ? $"{n.Message} ({inner.Message})" : n.Message),
        Microsoft.Data.Sqlite.SqliteException s => "cannot open or use the SQLite database: " + OneLine(s.Message),
        InvalidOperationException { InnerException: NpgsqlException or System.Net.Sockets.SocketException } i =>
            "cannot reach the PostgreSQL database: " + OneLine(i.InnerException!.Message),
        ArgumentException a when a.StackTrace?.Contains("ConnectionString", StringComparison.Ordinal) == true =>
            "invalid connection string: " + OneLine(a.Message),
        TimeoutException t => "the database did not answer in time: " + OneLine(t.Message),
        _ => null,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
