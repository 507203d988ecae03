namespace ClusterSync.Core.Matching;

/// <summary>Kinds of operator match decisions.</summary>
public static class MatchDecisionKinds
{
    public const string MustLink = "must-link";
    public const string CannotLink = "cannot-link";
}
