using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterSync.Sources.UsClusterMapping.Dtos;

/// <summary>A region from <c>GET /region</c> [V]: county, MSA, economic area, state, country or territory.</summary>
public sealed record Region
{
    /// <summary>Solr document id, e.g. <c>region/state/01</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>FIPS or CBSA code as text, leading zeros kept (<c>"01"</c>).</summary>
    [JsonPropertyName("region_code_t")]
    public string? Code { get; init; }

    [JsonPropertyName("region_type_t")]
    public string? RegionType { get; init; }

    [JsonPropertyName("name_t")]
    public string? Name { get; init; }

    [JsonPropertyName("region_short_name_t")]
    public string? ShortName { get; init; }

    [JsonPropertyName("key_t")]
    public string? Key { get; init; }

    [JsonPropertyName("region_state_code_t")]
    public string? StateCode { get; init; }

    [JsonPropertyName("state_codes_txt")]
    public IReadOnlyList<string>? StateCodes { get; init; }

    /// <summary>Member region ids of an aggregate region, e.g. <c>region/county/01095</c>.</summary>
    [JsonPropertyName("regions_txt")]
    public IReadOnlyList<string>? MemberRegions { get; init; }

    [JsonPropertyName("region_count_tl")]
    public long? MemberCount { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}
