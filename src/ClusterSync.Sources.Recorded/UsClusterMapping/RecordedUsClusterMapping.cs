using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ClusterSync.Sources.Recorded.UsClusterMapping;

/// <summary>
/// Serves recorded U.S. Cluster Mapping responses (see <c>UsClusterMapping/README.md</c> in this project), so
/// the real client, resilience pipeline and mapping can run offline against a local HTTP server.
/// Covers <c>/meta/clusters</c>, <c>/region</c> and <c>/content/organization?start=&amp;limit=</c>,
/// paging like the real API: no sort, default limit 10,000, one matching document as a bare object.
/// </summary>
public static class RecordedUsClusterMapping
{
    private const string Json = "application/json; charset=utf-8";
    private const int DefaultLimit = 10_000;

    private static readonly Lazy<IReadOnlyList<string>> Organisations = new(LoadOrganisations, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> MetaClusters = new(() => RecordedResources.ReadText("UsClusterMapping.meta_clusters.json"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Regions = new(() => RecordedResources.ReadText("UsClusterMapping.regions.json"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Number of registry organisations recorded (145).</summary>
    public static int OrganisationCount => Organisations.Value.Count;

    /// <summary>
    /// The recorded answer to a GET of <paramref name="pathAndQuery"/>, relative to the API base
    /// (<c>/meta/clusters</c>; a leading <c>/data</c> is accepted too), or null for a route not recorded.
    /// Where the real server would hang (a <c>start</c> or <c>limit</c> that is not a number), this answers 400.
    /// </summary>
    public static RecordedResponse? Respond(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = (queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart]).TrimEnd('/');
        var query = queryStart < 0 ? "" : pathAndQuery[queryStart..];
        if (path.StartsWith("/data/", StringComparison.Ordinal))
        {
            path = path["/data".Length..];
        }

        return path switch
        {
            "/meta/clusters" => new RecordedResponse(200, Json, MetaClusters.Value),
            "/region" => new RecordedResponse(200, Json, Regions.Value),
            "/content/organization" => OrganisationPage(query),
            _ when path.StartsWith("/content/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2 => new RecordedResponse(200, Json, "[]"),
            _ => null,
        };
    }

    internal static IReadOnlyList<string> OrganisationDocuments => Organisations.Value;

    private static RecordedResponse OrganisationPage(string query)
    {
        var parameters = QueryHelpers.ParseQuery(query);
        if (!TryReadCount(parameters, "start", 0, out var start) || !TryReadCount(parameters, "limit", DefaultLimit, out var limit))
        {
            return new RecordedResponse(400, Json, """{"error":"start and limit must be non-negative integers"}""");
        }

        var documents = Organisations.Value;
        var first = (int)Math.Min(start, documents.Count);
        var count = (int)Math.Min(limit, documents.Count - first);
        var body = count switch
        {
            0 => "[]",
            1 => documents[first],
            _ => "[" + string.Join(',', documents.Skip(first).Take(count)) + "]",
        };
        return new RecordedResponse(200, Json, body);
    }

    private static bool TryReadCount(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> parameters, string name, long fallback, out long value)
    {
        value = fallback;
        if (!parameters.TryGetValue(name, out var text) || string.IsNullOrEmpty(text))
        {
            return true;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static IReadOnlyList<string> LoadOrganisations()
    {
        var rows = RegistryCsv.Parse(RecordedResources.ReadText("UsClusterMapping.CurrentOrganizationsAndClusters.csv"));
        return RecordedRegistry.BuildDocuments(rows, RecordedRegistry.ClusterCodesByName(MetaClusters.Value));
    }
}
