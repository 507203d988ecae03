using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterSync.Sources.UsClusterMapping.Dtos;

/// <summary>A benchmark cluster definition from <c>GET /meta/clusters</c> [V].</summary>
public sealed record BenchmarkCluster
{
    /// <summary>Solr document id, e.g. <c>clusterData/3</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("type_t")]
    public string? DocumentType { get; init; }

    [JsonPropertyName("name_t")]
    public string? Name { get; init; }

    [JsonPropertyName("key_t")]
    public string? Key { get; init; }

    [JsonPropertyName("short_name_t")]
    public string? ShortName { get; init; }

    /// <summary>Cluster code as text: 1–51 traded, 101–116 local.</summary>
    [JsonPropertyName("cluster_code_t")]
    public string? Code { get; init; }

    [JsonPropertyName("traded_b")]
    public bool? Traded { get; init; }

    [JsonPropertyName("subcluster_b")]
    public bool? IsSubcluster { get; init; }

    /// <summary>Sub-cluster code → name.</summary>
    [JsonPropertyName("sub_clusters")]
    public IReadOnlyDictionary<string, string?>? SubClusters { get; init; }

    /// <summary>Six-digit NAICS 2012 code → label.</summary>
    [JsonPropertyName("naics_2012")]
    public IReadOnlyDictionary<string, string?>? Naics2012 { get; init; }

    [JsonPropertyName("naics_2007")]
    public IReadOnlyDictionary<string, string?>? Naics2007 { get; init; }

    [JsonPropertyName("naics_2002")]
    public IReadOnlyDictionary<string, string?>? Naics2002 { get; init; }

    [JsonPropertyName("naics_1997")]
    public IReadOnlyDictionary<string, string?>? Naics1997 { get; init; }

    [JsonPropertyName("related_clusters")]
    public IReadOnlyList<RelatedCluster>? RelatedClusters { get; init; }

    /// <summary>Fields this type does not name, as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}

/// <summary>A related cluster of a <see cref="BenchmarkCluster"/>; every statistic stays text as sent.</summary>
public sealed record RelatedCluster
{
    [JsonPropertyName("cluster_code_t")]
    public string? Code { get; init; }

    [JsonPropertyName("cluster_name_t")]
    public string? Name { get; init; }

    [JsonPropertyName("related_percentage")]
    public string? RelatedPercentage { get; init; }

    [JsonPropertyName("related_avg")]
    public string? RelatedAverage { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}
