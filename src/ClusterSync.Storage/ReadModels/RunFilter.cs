namespace ClusterSync.Storage.ReadModels;

/// <summary>Which runs to list; null fields match any.</summary>
public sealed record RunFilter(string? Source = null, string? Status = null, string? Trigger = null, DateTimeOffset? Since = null);
