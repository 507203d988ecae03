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

    /// <summary>Every stored key, revoked ones included, oldest first (never their hashes).</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new ApiKeyView(r.Id, r.Name, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.CreatedAt, r.RevokedAt))];
    }

    /// <summary>Revokes a key: the next request that presents it is refused. False when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        return await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) > 0;
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

/// <summary>A stored API key as an administrator sees it (no hash).</summary>
public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
