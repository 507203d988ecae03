namespace ClusterSync.Core.Publication;

/// <summary>Lifecycle of a directory organisation.</summary>
public static class OrganisationStatus
{
    public const string Active = "active";

    /// <summary>Merged into another organisation; its id redirects to the survivor.</summary>
    public const string Merged = "merged";

    /// <summary>No source record describes it any more; its id is never given to another organisation, and it is restored if one of its records comes back.</summary>
    public const string Deleted = "deleted";
}
