using System.Globalization;
using System.Text.Json;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Json;
using ClusterSync.Sources.UsClusterMapping.Dtos;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>
/// Maps one registry Solr document to a <see cref="RawOrganisation"/>, text as given. Registry records carry no
/// country: they are U.S. organisations, so the default country is <c>US</c>. Only a document that is not an
/// object or has no readable <c>entity_id</c> is unreadable; any other field that cannot be read is left out with
/// a warning kept on the record (<c>ds_changed</c> is read as ISO 8601 or as Unix seconds). The raw payload kept
/// is the document without the registrant's name and telephone, its e-mail addresses cut to their domain.
/// </summary>
internal static class RegistryOrganisationMapper
{
    private const string ClusterReferencePrefix = "clusterData/";

    /// <summary>Name parts of registry fields that describe the person who registered the organisation.</summary>
    private static readonly string[] RegistrantNameParts = ["phone", "mobile", "fax"];

    /// <summary>Maps the document, or returns an unreadable item whose reason names the page and the field.</summary>
    public static SourceItem Map(JsonElement document, string page, int index, Uri siteAddress)
    {
        var raw = PersonalData.Redact(document, IsPersonal);
        if (document.ValueKind != JsonValueKind.Object)
        {
            return SourceItem.Unreadable(null, raw, $"{page}: document {index} is {FieldReader.Show(document)}, not an object.");
        }

        var fields = new FieldReader(document);
        if (fields.Integer("entity_id") is not { } id)
        {
            var problem = fields.Warnings.Count > 0 ? string.Join("; ", fields.Warnings) : "field 'entity_id' is missing";
            return SourceItem.Unreadable(null, raw, $"{page}: document {index}: {problem}: the record has no identity.");
        }

        var dto = Read(fields, id);
        return SourceItem.Readable(ToRaw(dto, id, siteAddress) with { ReadWarnings = [.. fields.Warnings] }, raw);
    }

    /// <summary>Whether a registry field holds the registrant's personal data: a name or a telephone number.</summary>
    internal static bool IsPersonal(string fieldName) =>
        PersonalData.NamesPerson(fieldName) || RegistrantNameParts.Any(part => fieldName.Contains(part, StringComparison.OrdinalIgnoreCase));

    private static RegistryOrganisationDocument Read(FieldReader f, long id) => new()
    {
        EntityId = id,
        Label = f.Text("label"),
        PathAlias = f.Text("path_alias"),
        Changed = f.Timestamp("ds_changed"),
        OrganizationTypes = f.TextList("sm_vid_Organization_Type"),
        EstablishedYears = f.TextList("sm_field_established_year"),
        OrganizationSizes = f.TextList("sm_field_organization_size"),
        PrimaryActivities = f.TextList("sm_field_primary_activity"),
        SecondaryActivities = f.TextList("sm_field_secondary_activities"),
        Sectors = f.TextList("sm_field_sector"),
        Emails = f.TextList("sm_field_email"),
        FirstNames = f.QuietFirstText("sm_field_first_name") is { } first ? [first] : [],
        LastNames = f.QuietFirstText("sm_field_last_name") is { } last ? [last] : [],
        Clusters = f.TextList("tm_field_clusters"),
        Locality = f.Text("address_locality_s"),
        AdministrativeArea = f.Text("address_administrative_area_s"),
        PostalCode = f.Text("address_postal_code_s"),
        Latitude = f.NumberText("location_lat_s"),
        Longitude = f.NumberText("location_lng_s"),
    };

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
}
