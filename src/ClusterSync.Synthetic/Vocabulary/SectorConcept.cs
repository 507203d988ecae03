namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>A sector with its codes in the schema's sector schemes and its label in each name language.</summary>
internal sealed record SectorConcept(
    int Index,
    string Key,
    string UsCluster,
    string Naics2012,
    string Nace2,
    string Ecosystem,
    string BrandStem,
    IReadOnlyDictionary<string, string> Labels)
{
    public string UsClusterCode { get; } = Core.Records.SectorSchemes.UsCluster + ":" + UsCluster;

    public string Naics2012Code { get; } = Core.Records.SectorSchemes.Naics2012 + ":" + Naics2012;

    public string Nace2Code { get; } = Core.Records.SectorSchemes.Nace2 + ":" + Nace2;

    public string EcosystemCode { get; } = Core.Records.SectorSchemes.EuEcosystem + ":" + Ecosystem;

    public string Label(string language) => Labels[language];
}
