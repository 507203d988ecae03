namespace ClusterSync.Storage.ReadModels;

/// <summary>One recorded operator action.</summary>
public sealed record OperatorActionView(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Details);
