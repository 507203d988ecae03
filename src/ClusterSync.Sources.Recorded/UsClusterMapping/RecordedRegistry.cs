using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Sources.UsClusterMapping.Dtos;

namespace ClusterSync.Sources.Recorded.UsClusterMapping;

/// <summary>
/// Turns the registry's organisation–cluster CSV into the Solr documents <c>/content/organization</c>
/// serves: one per <c>org_id</c> (repeated rows collapse; two ids with one name stay two documents),
/// ordered by id, with <c>tm_field_clusters</c> listing each distinct cluster once as
/// <c>clusterData/{code}</c>, codes found by cluster name in the benchmark definitions. The CSV holds
/// nothing else, so no other field is invented.
/// </summary>
internal static class RecordedRegistry
{
    public static IReadOnlyList<string> BuildDocuments(IReadOnlyList<RegistryCsvRow> rows, IReadOnlyDictionary<string, string> clusterCodesByName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(clusterCodesByName);
        var organisations = new SortedDictionary<long, (string Title, List<string> Codes)>();
        foreach (var row in rows)
        {
            if (!clusterCodesByName.TryGetValue(row.ClusterName.Trim(), out var code))
            {
                throw new FormatException($"Registry organisation {row.OrganisationId}: no benchmark cluster is named '{row.ClusterName}'.");
            }

            if (!organisations.TryGetValue(row.OrganisationId, out var organisation))
            {
                organisation = (row.Title, []);
                organisations.Add(row.OrganisationId, organisation);
            }

            if (!organisation.Codes.Contains(code))
            {
                organisation.Codes.Add(code);
            }
        }

        var documents = new List<string>(organisations.Count);
        foreach (var (id, (title, codes)) in organisations)
        {
            documents.Add(Document(id, title, codes));
        }

        return documents;
    }

    /// <summary>Cluster name → code, from a <c>/meta/clusters</c> response.</summary>
    public static IReadOnlyDictionary<string, string> ClusterCodesByName(string metaClustersJson)
    {
        var clusters = JsonSerializer.Deserialize<IReadOnlyList<BenchmarkCluster>>(metaClustersJson, UsClusterMappingJson.Options) ?? [];
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            if (cluster.Name is { } name && cluster.Code is { } code)
            {
                codes[name.Trim()] = code;
            }
        }

        return codes;
    }

    private static string Document(long id, string title, List<string> codes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("entity_id", id);
            writer.WriteString("entity_type", "node");
            writer.WriteString("bundle", "organization");
            writer.WriteString("label", title);
            writer.WriteStartArray("tm_field_clusters");
            writer.WriteStringValue(string.Join(' ', codes.Select(c => "clusterData/" + c)));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
