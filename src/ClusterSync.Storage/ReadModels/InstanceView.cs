namespace ClusterSync.Storage.ReadModels;

/// <summary>A live instance of the service.</summary>
/// <param name="IsSelf">Whether it is the instance that answered.</param>
public sealed record InstanceView(string Id, string Host, int ProcessId, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, bool IsSelf);
