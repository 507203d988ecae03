
namespace ClusterSync.Storage;

/// <summary>Names of the facets the directory counts and filters by.</summary>
public static class DirectoryFacets
{
    public const string Country = "country";
    public const string Source = "source";
    public const string Label = "label";

    /// <summary>Sector facets, named by their scheme.</summary>
    public static readonly IReadOnlyList<string> SectorSchemes = [Core.Records.SectorSchemes.UsCluster, Core.Records.SectorSchemes.EuEcosystem, Core.Records.SectorSchemes.Nace2];

    /// <summary>Every facet, in the order responses list them.</summary>
    public static readonly IReadOnlyList<string> All = [Country, Source, Label, .. SectorSchemes];
}
