using System.Globalization;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>Small JSON:API documents for ECCP tests.</summary>
internal static class JsonApiPages
{
    public const string ListingPath = "/jsonapi/node/cluster_organisation";

    public static string Page(string? next, params string[] resources) => Page(next, resources, included: "[]");

    /// <param name="count">The listing's total, stated as <c>meta.count</c> when given.</param>
    public static string Page(string? next, IEnumerable<string> resources, string included, long? count = null)
    {
        var links = next is null ? "{}" : $$$"""{"next":{"href":"{{{next}}}"}}""";
        var meta = count is { } total ? $$$""","meta":{"count":{{{total}}}}""" : "";
        return $$$"""{"jsonapi":{"version":"1.0"},"data":[{{{string.Join(',', resources)}}}],"included":{{{included}}},"links":{{{links}}}{{{meta}}}}""";
    }

    /// <summary>A cluster organisation resource; <paramref name="relationships"/> is a JSON object or empty.</summary>
    public static string Resource(long nid, string title, string country = "DE", string relationships = "{}")
    {
        var id = nid.ToString("D12", CultureInfo.InvariantCulture);
        return $$$"""
            {"type":"node--cluster_organisation","id":"00000000-0000-4000-8000-{{{id}}}",
             "attributes":{"drupal_internal__nid":{{{nid}}},"title":"{{{title}}}","changed":"2024-03-01T10:00:00+00:00",
               "field_address":{"country_code":"{{{country}}}","locality":"Somewhere"}},
             "relationships":{{{relationships}}}}
            """;
    }
}
