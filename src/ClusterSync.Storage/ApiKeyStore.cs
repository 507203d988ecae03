using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>API keys created with the CLI (or the API); only their hashes are stored.</summary>
public sealed class ApiKeyStore(IClusterSyncDbContextFactory contexts, TimeProvider time)
{
    public async Task AddAsync(string id, string name, string hash, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        db.ApiKeys.Add(new ApiKeyRow { Id = id, Name = name, Hash = hash, Scopes = string.Join(' ', scopes), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The active (not revoked) key with this id, or null.</summary>
    public async Task<StoredApiKey?> FindActiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        return row is null ? null : new StoredApiKey(row.Id, row.Name, row.Hash, row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>A stored API key: its public id, its owner's name, the hash of the whole key and its scopes.</summary>
public sealed record StoredApiKey(string Id, string Name, string Hash, IReadOnlyList<string> Scopes);
