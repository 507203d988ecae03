namespace ClusterSync.Storage;

/// <summary>What deciding a review item did.</summary>
public enum ReviewOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
}
