using System.Text.Json.Serialization;

namespace ClusterSync.Sources.UsClusterMapping.Dtos;

/// <summary>
/// A Cluster Registry organisation as the site's Solr index holds it (<c>GET /content/organization</c>).
/// Field names are verified in the platform's code; any value may be absent.
/// </summary>
public sealed record RegistryOrganisationDocument
{
    /// <summary>Drupal node id.</summary>
    [JsonPropertyName("entity_id")]
    public long? EntityId { get; init; }

    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>Site path of the organisation's page, without a leading slash.</summary>
    [JsonPropertyName("path_alias")]
    public string? PathAlias { get; init; }

    /// <summary>Last change: ISO 8601 in the index, Unix seconds from some exports.</summary>
    [JsonPropertyName("ds_changed")]
    public DateTimeOffset? Changed { get; init; }

    [JsonPropertyName("sm_vid_Organization_Type")]
    public IReadOnlyList<string>? OrganizationTypes { get; init; }

    [JsonPropertyName("sm_field_established_year")]
    public IReadOnlyList<string>? EstablishedYears { get; init; }

    [JsonPropertyName("sm_field_organization_size")]
    public IReadOnlyList<string>? OrganizationSizes { get; init; }

    [JsonPropertyName("sm_field_primary_activity")]
    public IReadOnlyList<string>? PrimaryActivities { get; init; }

    [JsonPropertyName("sm_field_secondary_activities")]
    public IReadOnlyList<string>? SecondaryActivities { get; init; }

    [JsonPropertyName("sm_field_sector")]
    public IReadOnlyList<string>? Sectors { get; init; }

    [JsonPropertyName("sm_field_email")]
    public IReadOnlyList<string>? Emails { get; init; }

    [JsonPropertyName("sm_field_first_name")]
    public IReadOnlyList<string>? FirstNames { get; init; }

    [JsonPropertyName("sm_field_last_name")]
    public IReadOnlyList<string>? LastNames { get; init; }

    /// <summary>Cluster references, each value space-separated: <c>["clusterData/1 clusterData/45"]</c>.</summary>
    [JsonPropertyName("tm_field_clusters")]
    public IReadOnlyList<string>? Clusters { get; init; }

    [JsonPropertyName("address_locality_s")]
    public string? Locality { get; init; }

    [JsonPropertyName("address_administrative_area_s")]
    public string? AdministrativeArea { get; init; }

    [JsonPropertyName("address_postal_code_s")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("location_lat_s")]
    public string? Latitude { get; init; }

    [JsonPropertyName("location_lng_s")]
    public string? Longitude { get; init; }
}
