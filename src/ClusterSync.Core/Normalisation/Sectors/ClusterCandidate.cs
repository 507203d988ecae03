namespace ClusterSync.Core.Normalisation.Sectors;

/// <summary>A U.S. benchmark cluster that a code of another scheme may correspond to, with a weight below 1.</summary>
/// <param name="ClusterCode">Canonical benchmark cluster code.</param>
/// <param name="Weight">How much of the other code falls in the cluster, in (0, 1).</param>
public readonly record struct ClusterCandidate(string ClusterCode, double Weight);
