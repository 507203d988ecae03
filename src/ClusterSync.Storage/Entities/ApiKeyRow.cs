namespace ClusterSync.Storage.Entities;

/// <summary>An API key; only its hash is stored.</summary>
public sealed class ApiKeyRow
{
    /// <summary>The key's public prefix (first part of the key), used to find it.</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }
    public required string Hash { get; set; }

    /// <summary>Space-separated scopes, e.g. <c>operator read</c>.</summary>
    public required string Scopes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
