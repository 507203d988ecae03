using System.Globalization;
using ClusterSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>WireMock set-ups shared by the ECCP tests.</summary>
internal static class EccpTestServer
{
    public const string JsonApi = "application/vnd.api+json";

    public static string Listing(this WireMockServer server) => server.Url + JsonApiPages.ListingPath;

    /// <summary>Answers the listing: a request without <c>page[offset]</c> with <paramref name="first"/>, later ones by offset.</summary>
    public static void ServePages(this WireMockServer server, string first, params (string Offset, string Body)[] later)
    {
        var pages = later.ToDictionary(p => p.Offset, p => p.Body, StringComparer.Ordinal);
        server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
                SourcesHarness.Query(request).TryGetValue("page[offset]", out var offset)
                    ? pages.TryGetValue(offset, out var body) ? SourcesHarness.Json(200, body, JsonApi) : SourcesHarness.Json(404, "{}")
                    : SourcesHarness.Json(200, first, JsonApi)));
    }

    /// <summary>The decoded queries of the listing requests WireMock received, in order.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Queries(this WireMockServer server) =>
        [.. server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => SourcesHarness.Query(e.RequestMessage))];

    public static ServiceProvider BuildEccp(string baseAddress, Action<Dictionary<string, string?>>? adjust = null, LogCapture? logs = null)
    {
        var settings = SourcesHarness.FastSettings(SourcesHarness.EccpSection, baseAddress);
        settings[$"{SourcesHarness.UsSection}:Enabled"] = "false";
        adjust?.Invoke(settings);
        return SourcesHarness.Build(settings, logs);
    }

    public static string Offset(int offset) => offset.ToString(CultureInfo.InvariantCulture);
}
