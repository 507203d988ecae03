using System.Globalization;
using System.Text.Json;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Maps one <c>node--cluster_organisation</c> resource to a <see cref="RawOrganisation"/>, text as given.
/// A resource that cannot be read (not an object, no id, an attribute of the wrong JSON type) becomes
/// an unreadable item whose reason names the page, the position and the field; unknown attributes are
/// ignored here and kept in the raw payload.
/// </summary>
internal static class ClusterOrganisationMapper
{
    public static SourceItem Map(JsonElement resource, int index, EccpPage page, Uri siteAddress)
    {
        var raw = resource.GetRawText();
        var where = $"page {page.Number} ({page.Url}) data[{index}]";
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return SourceItem.Unreadable(null, raw, $"{where} is a JSON {resource.ValueKind}, not a resource object.");
        }

        var id = resource.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrEmpty(id))
        {
            return SourceItem.Unreadable(null, raw, $"{where} has no id.");
        }

        if (!resource.TryGetProperty("attributes", out var attributesElement) || attributesElement.ValueKind != JsonValueKind.Object)
        {
            var found = attributesElement.ValueKind == JsonValueKind.Undefined ? "missing" : $"a JSON {attributesElement.ValueKind}";
            return SourceItem.Unreadable(id, raw, $"{where} ({id}): attributes is {found}, expected an object.");
        }

        var attributes = new AttributeReader(attributesElement, "attributes");
        var nid = attributes.Integer("drupal_internal__nid");
        var organisation = Read(attributes, nid, siteAddress);
        var sectors = Sectors(resource, page, out var relationshipProblem);
        var problem = attributes.Problem ?? relationshipProblem;
        if (problem is not null)
        {
            return SourceItem.Unreadable(nid?.ToString(CultureInfo.InvariantCulture) ?? id, raw, $"{where} ({id}): {problem}.");
        }

        if (nid is null)
        {
            return SourceItem.Unreadable(id, raw, $"{where} ({id}): attributes.drupal_internal__nid is missing.");
        }

        return SourceItem.Readable(organisation with { Sectors = sectors }, raw);
    }

    private static RawOrganisation Read(AttributeReader a, long? nid, Uri siteAddress)
    {
        var address = a.Object("field_address");
        var geolocation = a.Object("field_geolocation");
        var website = a.Object("field_website");
        var path = a.Object("path");
        var organisation = new RawOrganisation
        {
            Source = EccpRegistration.SourceId,
            SourceId = nid?.ToString(CultureInfo.InvariantCulture) ?? "",
            SourceUrl = SourceUrl(path?.String("alias"), nid, siteAddress),
            Name = a.String("title"),
            Acronym = a.String("field_acronym"),
            OrganisationType = a.String("field_organisation_type"),
            Street = Join(address?.String("address_line1"), address?.String("address_line2")),
            Locality = address?.String("locality"),
            PostalCode = address?.String("postal_code"),
            Country = address?.String("country_code"),
            Region = a.String("field_nuts_region") ?? address?.String("administrative_area"),
            Latitude = geolocation?.NumberText("lat"),
            Longitude = geolocation?.NumberText("lng"),
            Website = website?.String("uri"),
            Email = a.String("field_email"),
            Phone = a.String("field_telephone"),
            ContactName = a.String("field_contact_person"),
            YearFounded = a.NumberText("field_year_established"),
            Members = Members(a),
            Labels = Labels(a.String("field_esca_label")),
            Partnerships = a.Strings("field_partnerships"),
            UpdatedAt = a.Timestamp("changed"),
        };
        a.Absorb(address);
        a.Absorb(geolocation);
        a.Absorb(website);
        a.Absorb(path);
        return organisation;
    }

    private static MemberCounts? Members(AttributeReader a)
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

    private static string? SourceUrl(string? alias, long? nid, Uri siteAddress) =>
        !string.IsNullOrWhiteSpace(alias) ? new Uri(siteAddress, alias.TrimStart('/')).AbsoluteUri
        : nid is { } id ? new Uri(siteAddress, FormattableString.Invariant($"node/{id}")).AbsoluteUri
        : null;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrWhiteSpace(second) ? first : string.IsNullOrWhiteSpace(first) ? second : $"{first}, {second}";

    /// <summary>Ecosystem and NACE terms the resource refers to, resolved among the page's included resources.</summary>
    private static IReadOnlyList<RawSector> Sectors(JsonElement resource, EccpPage page, out string? problem)
    {
        problem = null;
        if (!resource.TryGetProperty("relationships", out var relationships) || relationships.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var sectors = new List<RawSector>();
        problem = AddTerms(relationships, "field_ecosystems", page, sectors, Ecosystem)
            ?? AddTerms(relationships, "field_sectors", page, sectors, NaceSector);
        return sectors;
    }

    private static string? AddTerms(JsonElement relationships, string name, EccpPage page, List<RawSector> sectors, Func<JsonElement, RawSector?> toSector)
    {
        if (!relationships.TryGetProperty(name, out var relationship) || relationship.ValueKind != JsonValueKind.Object
            || !relationship.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (data.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            return $"relationships.{name}.data is a JSON {data.ValueKind}, expected resource identifiers";
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

        return null;
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
