namespace ClusterSync.Core.Directory;

/// <summary>The credit each source's data carries wherever the directory is exported.</summary>
public static class SourceAttribution
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["us-cluster-mapping"] = "U.S. Cluster Mapping Project (Institute for Strategy and Competitiveness, Harvard Business School; U.S. Economic Development Administration), Cluster Registry",
        ["eccp"] = "European Cluster Collaboration Platform (European Commission), cluster organisation profiles",
    };

    /// <summary>The attribution line of a source id.</summary>
    public static string Of(string source) => Known.TryGetValue(source, out var text) ? text : $"source '{source}'";
}
