using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Eccp.Recorded;
using ClusterSync.Sources.Recorded;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Sources.UsClusterMapping.Recorded;

namespace ClusterSync.Host.Replay;

/// <summary>
/// Offline replay: serves the recorded upstream responses (the real U.S. registry sample, the modelled
/// ECCP fixture) over local HTTP on free loopback ports, one server per upstream so that each sees the
/// paths its platform uses, and a sync runs the real Refit and Polly path with no internet. Enabled by
/// <c>Replay:Enabled=true</c>; <c>Replay:Sources</c> lists which to replay.
/// </summary>
public sealed class RecordedUpstreams : IAsyncDisposable
{
    private readonly WebApplication _us;
    private readonly WebApplication _eccp;

    private RecordedUpstreams(WebApplication us, WebApplication eccp)
    {
        _us = us;
        _eccp = eccp;
    }

    public Uri UsClusterMappingAddress => new(_us.Urls.First());

    public Uri EccpAddress => new(_eccp.Urls.First());

    public static async Task<RecordedUpstreams> StartAsync(CancellationToken cancellationToken)
    {
        var us = await StartServerAsync(context => RecordedUsClusterMapping.Respond(PathAndQuery(context)), cancellationToken);
        // ECCP's site writes next links on the host http://default; the connector must rewrite them.
        var eccp = await StartServerAsync(context => RecordedEccp.Respond(PathAndQuery(context), new Uri("http://default/")), cancellationToken);
        return new RecordedUpstreams(us, eccp);
    }

    /// <summary>Configuration that points the chosen sources at these servers and switches the others off.</summary>
    public IReadOnlyDictionary<string, string?> SettingsFor(IReadOnlyCollection<string> sources) => new Dictionary<string, string?>
    {
        ["Sources:UsClusterMapping:Enabled"] = sources.Contains(UsClusterMappingRegistration.SourceId) ? "true" : "false",
        ["Sources:UsClusterMapping:BaseAddress"] = new Uri(UsClusterMappingAddress, "/data/").ToString(),
        ["Sources:UsClusterMapping:RequestsPerSecond"] = "50",
        ["Sources:Eccp:Enabled"] = sources.Contains(EccpRegistration.SourceId) ? "true" : "false",
        ["Sources:Eccp:BaseAddress"] = EccpAddress.ToString(),
        ["Sources:Eccp:RequestsPerSecond"] = "50",
    };

    private static async Task<WebApplication> StartServerAsync(Func<HttpContext, RecordedResponse?> respond, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Map("/{**rest}", (HttpContext context) => respond(context) is { } response
            ? Results.Text(response.Body, response.ContentType, statusCode: response.StatusCode)
            : Results.NotFound());
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static string PathAndQuery(HttpContext context) => context.Request.Path.Value + context.Request.QueryString.Value;

    public async ValueTask DisposeAsync()
    {
        await _us.DisposeAsync();
        await _eccp.DisposeAsync();
    }
}
