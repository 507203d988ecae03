using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Sources.Recorded.UsClusterMapping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClusterSync.Sources.Recorded;

/// <summary>
/// Offline replay: serves the recorded upstream responses (the real U.S. registry sample, the modelled
/// ECCP fixture) over local HTTP on free loopback ports, one server per upstream so that each sees the
/// paths its platform uses, and a sync runs the real Refit and Polly path with no internet. Enabled by
/// <c>Replay:Enabled=true</c>; <c>Replay:Sources</c> lists which to replay.
/// </summary>
public sealed class RecordedUpstreams : IAsyncDisposable
{
    /// <summary>Every platform with recorded responses: a new one is a folder and a line here.</summary>
    public static IReadOnlyList<UpstreamReplay> Replays { get; } =
    [
        new UsClusterMappingReplay(),
        new EccpReplay(),
    ];

    private readonly IReadOnlyList<(UpstreamReplay Replay, WebApplication Server)> _servers;

    private RecordedUpstreams(IReadOnlyList<(UpstreamReplay, WebApplication)> servers) => _servers = servers;

    /// <summary>Starts one server per platform in <see cref="Replays"/>.</summary>
    public static async Task<RecordedUpstreams> StartAsync(CancellationToken cancellationToken)
    {
        var servers = new List<(UpstreamReplay, WebApplication)>(Replays.Count);
        try
        {
            foreach (var replay in Replays)
            {
                servers.Add((replay, await StartServerAsync(replay, cancellationToken)));
            }
        }
        catch
        {
            await new RecordedUpstreams(servers).DisposeAsync();
            throw;
        }

        return new RecordedUpstreams(servers);
    }

    /// <summary>The source ids a <c>Replay:Sources</c> value lists (comma-separated); when unset, those replayed by default.</summary>
    public static IReadOnlyList<string> SourcesToReplay(string? setting) =>
        setting is null
            ? [.. Replays.Where(r => r.ReplayedByDefault).Select(r => r.Source)]
            : setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Configuration that points every replayed source at its server, enabling those in <paramref name="sources"/> and disabling the others.</summary>
    public IReadOnlyDictionary<string, string?> SettingsFor(IReadOnlyCollection<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (replay, server) in _servers)
        {
            foreach (var (key, value) in replay.SettingsFor(new Uri(server.Urls.First()), sources.Contains(replay.Source)))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static async Task<WebApplication> StartServerAsync(UpstreamReplay replay, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Map("/{**rest}", (HttpContext context) => replay.Respond(context.Request.Path.Value + context.Request.QueryString.Value) is { } response
            ? Results.Text(response.Body, response.ContentType, statusCode: response.StatusCode)
            : Results.NotFound());
        await app.StartAsync(cancellationToken);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, server) in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
