namespace ClusterSync.Storage.Entities;

/// <summary>States of a review item.</summary>
public static class ReviewStatus
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}
