namespace ClusterSync.Core.Publication;

/// <summary>Types of directory change events.</summary>
public static class ChangeEventTypes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Merged = "merged";
    public const string Deleted = "deleted";

    /// <summary>
    /// An organisation came out of another one: records left it (a cannot-link, or new evidence) and now
    /// form this organisation, under the id they had before they joined when they had one, else a new id.
    /// </summary>
    public const string Split = "split";

    /// <summary>A deleted organisation whose source record came back: its id answers again.</summary>
    public const string Restored = "restored";
}
