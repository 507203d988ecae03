using ClusterSync.Sources;
using ClusterSync.Sources.Eccp.Recorded;
using ClusterSync.Sources.Recorded;
using ClusterSync.Sources.UsClusterMapping.Recorded;

namespace ClusterSync.Host.Replay;

/// <summary>
/// Offline replay: serves the recorded upstream responses (the real U.S. registry sample, the modelled
/// ECCP fixture) over local HTTP on a free loopback port, so that a sync runs the real Refit and Polly path
/// with no internet. Enabled by <c>Replay:Enabled=true</c>; <c>Replay:Sources</c> lists which to replay.
/// </summary>
public sealed class RecordedUpstreams : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordedUpstreams(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RecordedUpstreams> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Map("/us/{**rest}", (HttpContext context) =>
            Serve(RecordedUsClusterMapping.Respond(StripPrefix(context, "/us"))));
        // ECCP's site writes next links on the host http://default; the connector must rewrite them.
        app.Map("/eccp/{**rest}", (HttpContext context) =>
            Serve(RecordedEccp.Respond(StripPrefix(context, "/eccp"), new Uri("http://default/"))));
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Urls.First());
        return new RecordedUpstreams(app, address);
    }

    /// <summary>Configuration that points the chosen sources at this server and switches the others off.</summary>
    public IReadOnlyDictionary<string, string?> SettingsFor(IReadOnlyCollection<string> sources) => new Dictionary<string, string?>
    {
        ["Sources:UsClusterMapping:Enabled"] = sources.Contains(SourceIds.UsClusterMapping) ? "true" : "false",
        ["Sources:UsClusterMapping:BaseAddress"] = new Uri(Address, "/us/data/").ToString(),
        ["Sources:UsClusterMapping:RequestsPerSecond"] = "50",
        ["Sources:Eccp:Enabled"] = sources.Contains(SourceIds.Eccp) ? "true" : "false",
        ["Sources:Eccp:BaseAddress"] = new Uri(Address, "/eccp/").ToString(),
        ["Sources:Eccp:RequestsPerSecond"] = "50",
    };

    private static string StripPrefix(HttpContext context, string prefix) =>
        context.Request.Path.Value![prefix.Length..] + context.Request.QueryString.Value;

    private static IResult Serve(RecordedResponse? response) =>
        response is null
            ? Results.NotFound()
            : Results.Text(response.Body, response.ContentType, statusCode: response.StatusCode);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
