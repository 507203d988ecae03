namespace ClusterSync.Storage.Entities;

/// <summary>
/// One value of a multi-valued field of an active organisation, for filters and facet counts: a source, a label,
/// or a sector of one scheme (<c>us-cluster</c>, <c>eu-ecosystem</c>, <c>nace2</c>) with its weight.
/// </summary>
public sealed class DirectoryTermRow
{
    public required string OrganisationId { get; set; }

    /// <summary>One of <see cref="DirectoryFacets"/>.</summary>
    public required string Facet { get; set; }

    public required string Value { get; set; }

    /// <summary>A sector's weight (1 as given, below 1 when derived through the crosswalk); 1 for other facets.</summary>
    public double Weight { get; set; }
}
