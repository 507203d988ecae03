namespace ClusterSync.Core.Directory;

/// <summary>Lifecycle of a directory organisation.</summary>
public static class OrganisationStatus
{
    public const string Active = "active";

    /// <summary>Merged into another organisation; its id redirects to the survivor.</summary>
    public const string Merged = "merged";

    /// <summary>No source record describes it any more; its id is never reused.</summary>
    public const string Deleted = "deleted";
}

/// <summary>Types of directory change events.</summary>
public static class ChangeEventTypes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Merged = "merged";
    public const string Deleted = "deleted";
}

/// <summary>Outcome of a sync run.</summary>
public static class SyncRunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>The process ended while the run was in progress; nothing of it was published.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>Kinds of operator match decisions.</summary>
public static class MatchDecisionKinds
{
    public const string MustLink = "must-link";
    public const string CannotLink = "cannot-link";
}
