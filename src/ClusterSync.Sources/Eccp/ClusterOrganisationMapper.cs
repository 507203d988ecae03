using System.Globalization;
using System.Text.Json;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Json;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Maps one <c>node--cluster_organisation</c> resource to a <see cref="RawOrganisation"/>, text as given. A record is
/// named by its node id (<c>drupal_internal__nid</c>), or by its JSON:API id only when no node id can be read.
/// Only what identity needs makes a resource unreadable (not an object, no attributes object, no id at all, no
/// JSON:API id); any other field that cannot be read is left out with a warning kept on the record. The raw
/// payload kept is the resource without personal data; unknown attributes stay in it.
/// </summary>
internal static class ClusterOrganisationMapper
{
    public static SourceItem Map(JsonElement resource, int index, EccpPage page, Uri siteAddress)
    {
        var raw = PersonalData.Redact(resource, PersonalData.NamesPerson);
        var where = $"page {page.Number} ({page.Url}) data[{index}]";
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return SourceItem.Unreadable(null, raw, $"{where} is {FieldReader.Show(resource)}, not a resource object.");
        }

        var uuid = resource.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String && idElement.GetString() is { Length: > 0 } id
            ? id
            : null;
        if (!resource.TryGetProperty("attributes", out var attributesElement) || attributesElement.ValueKind != JsonValueKind.Object)
        {
            var found = attributesElement.ValueKind == JsonValueKind.Undefined ? "missing" : FieldReader.Show(attributesElement);
            return SourceItem.Unreadable(uuid, raw, $"{where}, record {uuid ?? "without id"}: field 'attributes' is {found}, not an object: the record has no name or node id.");
        }

        var attributes = new FieldReader(attributesElement, "attributes");
        var nid = attributes.Integer("drupal_internal__nid")?.ToString(CultureInfo.InvariantCulture);
        var sourceId = nid ?? uuid;
        if (sourceId is null)
        {
            return SourceItem.Unreadable(null, raw, $"{where}: neither a node id (attributes.drupal_internal__nid) nor a JSON:API id: the record has no identity.");
        }

        if (uuid is null)
        {
            return SourceItem.Unreadable(sourceId, raw, $"{where}, record {sourceId}: the resource has no JSON:API id, which every resource of the listing must have.");
        }

        if (nid is null)
        {
            attributes.Warn("attributes.drupal_internal__nid", $"is missing; the record is named by its JSON:API id {uuid}");
        }

        var organisation = Read(attributes, sourceId, nid, siteAddress);
        var sectors = Sectors(resource, page, attributes);
        return SourceItem.Readable(organisation with { Sectors = sectors, ReadWarnings = [.. attributes.Warnings] }, raw);
    }

    private static RawOrganisation Read(FieldReader a, string sourceId, string? nid, Uri siteAddress)
    {
        var address = a.Object("field_address");
        var geolocation = a.Object("field_geolocation");
        var website = a.Object("field_website");
        var path = a.Object("path");
        return new RawOrganisation
        {
            Source = EccpRegistration.SourceId,
            SourceId = sourceId,
            SourceUrl = SourceUrl(path?.Text("alias"), nid, siteAddress),
            Name = a.Text("title"),
            Acronym = a.Text("field_acronym"),
            OrganisationType = a.Text("field_organisation_type"),
            Street = Join(address?.Text("address_line1"), address?.Text("address_line2")),
            Locality = address?.Text("locality"),
            PostalCode = address?.Text("postal_code"),
            Country = address?.Text("country_code"),
            Region = a.Text("field_nuts_region") ?? address?.Text("administrative_area"),
            Latitude = geolocation?.NumberText("lat"),
            Longitude = geolocation?.NumberText("lng"),
            Website = website?.Text("uri"),
            Email = a.Text("field_email"),
            Phone = a.Text("field_telephone"),
            ContactName = a.QuietText("field_contact_person"),
            YearFounded = a.NumberText("field_year_established"),
            Members = Members(a),
            Labels = Labels(a.Text("field_esca_label")),
            Partnerships = a.TextList("field_partnerships"),
            UpdatedAt = a.Timestamp("changed"),
        };
    }

    private static MemberCounts? Members(FieldReader a)
    {
        var counts = new MemberCounts(
            a.SmallInteger("field_members_total"),
            a.SmallInteger("field_members_smes"),
            a.SmallInteger("field_members_large"),
            a.SmallInteger("field_members_research"),
            a.SmallInteger("field_members_other"));
        return counts == new MemberCounts(null, null, null, null, null) ? null : counts;
    }

    private static IReadOnlyList<string> Labels(string? escaLabel) =>
        string.IsNullOrWhiteSpace(escaLabel) ? []
        : escaLabel.StartsWith("ESCA", StringComparison.OrdinalIgnoreCase) ? [escaLabel]
        : [$"ESCA {escaLabel}"];

    private static string? SourceUrl(string? alias, string? nid, Uri siteAddress) =>
        !string.IsNullOrWhiteSpace(alias) ? new Uri(siteAddress, alias.TrimStart('/')).AbsoluteUri
        : nid is { } id ? new Uri(siteAddress, $"node/{id}").AbsoluteUri
        : null;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrWhiteSpace(second) ? first : string.IsNullOrWhiteSpace(first) ? second : $"{first}, {second}";

    /// <summary>Ecosystem and NACE terms the resource refers to, resolved among the page's included resources; unreadable relationships are left out with a warning.</summary>
    private static IReadOnlyList<RawSector> Sectors(JsonElement resource, EccpPage page, FieldReader warnings)
    {
        if (!resource.TryGetProperty("relationships", out var relationships) || relationships.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var sectors = new List<RawSector>();
        AddTerms(relationships, "field_ecosystems", page, sectors, Ecosystem, warnings);
        AddTerms(relationships, "field_sectors", page, sectors, NaceSector, warnings);
        return sectors;
    }

    private static void AddTerms(
        JsonElement relationships, string name, EccpPage page, List<RawSector> sectors, Func<JsonElement, RawSector?> toSector, FieldReader warnings)
    {
        if (!relationships.TryGetProperty(name, out var relationship) || relationship.ValueKind != JsonValueKind.Object
            || !relationship.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (data.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            warnings.Warn($"relationships.{name}.data", $"is {FieldReader.Show(data)}, not resource identifiers");
            return;
        }

        IEnumerable<JsonElement> identifiers = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray() : [data];
        foreach (var identifier in identifiers)
        {
            if (identifier.ValueKind == JsonValueKind.Object
                && identifier.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && identifier.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && page.TryGetIncluded(type.GetString()!, id.GetString()!, out var term)
                && toSector(term) is { } sector
                && !sectors.Contains(sector))
            {
                sectors.Add(sector);
            }
        }
    }

    private static RawSector? Ecosystem(JsonElement term) =>
        Text(term, "name") is { } name ? new RawSector(SectorSchemes.EuEcosystem, name) : null;

    private static RawSector? NaceSector(JsonElement term) =>
        Text(term, "field_nace_code") is { } code ? new RawSector(SectorSchemes.Nace2, code, Text(term, "name")) : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
