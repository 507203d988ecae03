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
    public string Label(string language) => Labels[language];
}
