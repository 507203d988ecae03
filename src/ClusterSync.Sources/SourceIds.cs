namespace ClusterSync.Sources;

/// <summary>Source identifiers written on every record a connector reads.</summary>
public static class SourceIds
{
    /// <summary>The U.S. Cluster Mapping Project registry (clustermapping.us).</summary>
    public const string UsClusterMapping = "us-cluster-mapping";

    /// <summary>The European Cluster Collaboration Platform (clustercollaboration.eu).</summary>
    public const string Eccp = "eccp";
}
