using System.Globalization;
using System.Text.Json;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.UsClusterMapping.Dtos;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>
/// Maps one registry Solr document to a <see cref="RawOrganisation"/>, text as given. Registry records
/// carry no country: they are U.S. organisations, so the default country is <c>US</c>.
/// </summary>
internal static class RegistryOrganisationMapper
{
    private const string ClusterReferencePrefix = "clusterData/";

    /// <summary>Maps the document, or returns an unreadable item whose reason names the page and the field.</summary>
    public static SourceItem Map(JsonElement document, string page, int index, Uri siteAddress)
    {
        var raw = document.GetRawText();
        if (document.ValueKind != JsonValueKind.Object)
        {
            return SourceItem.Unreadable(null, raw, $"{page}: document {index} is a JSON {document.ValueKind}, not an object.");
        }

        RegistryOrganisationDocument? dto;
        try
        {
            dto = document.Deserialize<RegistryOrganisationDocument>(UsClusterMappingJson.Options);
        }
        catch (JsonException e)
        {
            return SourceItem.Unreadable(IdOf(document), raw, $"{page}: document {index}, field {e.Path}: {e.Message}");
        }

        if (dto?.EntityId is not { } id)
        {
            return SourceItem.Unreadable(null, raw, $"{page}: document {index} has no entity_id.");
        }

        return SourceItem.Readable(ToRaw(dto, id, siteAddress), raw);
    }

    internal static RawOrganisation ToRaw(RegistryOrganisationDocument dto, long id, Uri siteAddress) => new()
    {
        Source = UsClusterMappingRegistration.SourceId,
        SourceId = id.ToString(CultureInfo.InvariantCulture),
        SourceUrl = string.IsNullOrWhiteSpace(dto.PathAlias) ? null : new Uri(siteAddress, dto.PathAlias.TrimStart('/')).AbsoluteUri,
        Name = dto.Label,
        OrganisationType = First(dto.OrganizationTypes),
        Locality = dto.Locality,
        Region = dto.AdministrativeArea,
        PostalCode = dto.PostalCode,
        DefaultCountry = "US",
        Latitude = dto.Latitude,
        Longitude = dto.Longitude,
        Email = First(dto.Emails),
        Sectors = Clusters(dto.Clusters),
        YearFounded = First(dto.EstablishedYears),
        UpdatedAt = dto.Changed,
        ContactName = ContactName(dto),
    };

    /// <summary>Cluster references (<c>"clusterData/1 clusterData/45"</c>) as U.S. cluster sectors, in order, once each.</summary>
    internal static IReadOnlyList<RawSector> Clusters(IReadOnlyList<string>? references)
    {
        if (references is null)
        {
            return [];
        }

        var codes = new List<RawSector>();
        foreach (var value in references)
        {
            foreach (var token in (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var code = token.StartsWith(ClusterReferencePrefix, StringComparison.Ordinal) ? token[ClusterReferencePrefix.Length..] : token;
                var sector = new RawSector(SectorSchemes.UsCluster, code);
                if (code.Length > 0 && !codes.Contains(sector))
                {
                    codes.Add(sector);
                }
            }
        }

        return codes;
    }

    private static string? ContactName(RegistryOrganisationDocument dto)
    {
        var name = $"{First(dto.FirstNames)} {First(dto.LastNames)}".Trim();
        return name.Length == 0 ? null : name;
    }

    private static string? First(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? IdOf(JsonElement document) =>
        document.TryGetProperty("entity_id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? id.ToString()
            : null;
}
