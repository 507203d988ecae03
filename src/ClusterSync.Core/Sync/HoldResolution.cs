namespace ClusterSync.Core.Sync;

/// <summary>How a held run's deletions were settled.</summary>
public static class HoldResolution
{
    /// <summary>An operator confirmed them: they were published by a later run.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>An operator rejected them: nothing was deleted.</summary>
    public const string Rejected = "rejected";

    /// <summary>A newer complete listing of the source decided the deletions afresh.</summary>
    public const string Superseded = "superseded";
}
