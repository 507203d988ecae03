using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace ClusterSync.Sources.Recorded.Eccp;

/// <summary>
/// Serves the MODELLED ECCP fixture (<c>Eccp/README.md</c> in this project) the way Drupal's JSON:API would:
/// <c>GET …/jsonapi/node/cluster_organisation</c> with <c>page[limit]</c> (at most 50),
/// <c>page[offset]</c>, <c>sort</c>, <c>filter[…][condition][path|operator|value]</c> on <c>changed</c> or
/// <c>drupal_internal__nid</c>, and <c>include=field_ecosystems,field_sectors</c>; pages are cut on each
/// request and carry <c>links.next</c> until the last.
/// </summary>
public static class RecordedEccp
{
    /// <summary>The route of the listing.</summary>
    public const string ListingPath = "/jsonapi/node/cluster_organisation";

    private const string JsonApi = "application/vnd.api+json";
    private static readonly string[] Relationships = ["field_ecosystems", "field_sectors"];
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<EccpFixture> Fixture = new(EccpFixture.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Number of resources in the fixture, readable or not.</summary>
    public static int ResourceCount => Fixture.Value.Nodes.Count;

    /// <summary>What each fixture node truly is, for de-duplication and quarantine tests.</summary>
    public static IReadOnlyList<EccpGroundTruth> GroundTruth => Fixture.Value.GroundTruth;

    /// <summary>
    /// The recorded answer to a GET of <paramref name="pathAndQuery"/>, or null for any other route. Links
    /// are written on the scheme, host and port of <paramref name="baseUri"/> with the request's path; pass
    /// <c>http://default</c> to reproduce ECCP's misconfigured link host.
    /// </summary>
    public static RecordedResponse? Respond(string pathAndQuery, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(baseUri);
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        if (!path.TrimEnd('/').EndsWith(ListingPath, StringComparison.Ordinal))
        {
            return null;
        }

        var query = EccpListingQuery.Parse(QueryHelpers.ParseQuery(queryStart < 0 ? "" : pathAndQuery[queryStart..]), Relationships);
        if (query.Error is { } error)
        {
            return new RecordedResponse(400, JsonApi, ErrorDocument(error));
        }

        var matching = Fixture.Value.Nodes.Where(query.Matches).ToList();
        matching.Sort(query.Compare);
        var page = matching.Skip(query.Offset).Take(query.Limit).ToList();
        var origin = baseUri.GetLeftPart(UriPartial.Authority);
        var next = query.Offset + query.Limit < matching.Count ? origin + path + query.ToQueryString(query.Offset + query.Limit) : null;
        return new RecordedResponse(200, JsonApi, Document(page, query.Include, origin + path + query.ToQueryString(query.Offset), next));
    }

    private static string Document(List<EccpFixtureNode> page, IReadOnlyList<string> include, string self, string? next)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteJsonApiVersion(writer);
            writer.WriteStartArray("data");
            foreach (var node in page)
            {
                node.Resource.WriteTo(writer);
            }

            writer.WriteEndArray();
            if (include.Count > 0)
            {
                writer.WriteStartArray("included");
                foreach (var term in Fixture.Value.IncludedTerms(page, include))
                {
                    term.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            writer.WriteStartObject("links");
            if (next is not null)
            {
                writer.WriteStartObject("next");
                writer.WriteString("href", next);
                writer.WriteEndObject();
            }

            writer.WriteStartObject("self");
            writer.WriteString("href", self);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ErrorDocument(string detail)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteJsonApiVersion(writer);
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("title", "Bad Request");
            writer.WriteString("status", "400");
            writer.WriteString("detail", detail);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJsonApiVersion(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("jsonapi");
        writer.WriteString("version", "1.0");
        writer.WriteEndObject();
    }

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One line of <c>eccp_ground_truth.csv</c>.</summary>
/// <param name="Nid">Drupal node id of the fixture resource.</param>
/// <param name="Uuid">JSON:API resource id; empty for the resource designed to have none.</param>
/// <param name="Entity">The real-world organisation: resources with the same key are duplicates.</param>
/// <param name="Expected"><c>readable</c>, <c>quarantine</c> (readable, refused by normalisation) or <c>unreadable</c>.</param>
/// <param name="UsRegistryOrgIds">U.S. Cluster Registry ids of the same organisation, if any.</param>
/// <param name="Case">What the resource was designed to exercise, e.g. <c>cyrillic-latin</c>.</param>
public sealed record EccpGroundTruth(long Nid, string Uuid, string Entity, string Expected, IReadOnlyList<string> UsRegistryOrgIds, string Case);
