namespace ClusterSync.Core.Publication;

/// <summary>Types of directory change events.</summary>
public static class ChangeEventTypes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Merged = "merged";
    public const string Deleted = "deleted";

    /// <summary>A deleted organisation whose source record came back: its id answers again.</summary>
    public const string Restored = "restored";
}
