using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>Applies the provider's migration set and reports whether the schema is current.</summary>
public sealed class DatabaseMigrator(IClusterSyncDbContextFactory contexts)
{
    /// <summary>Applies every pending migration; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Provider == StorageProvider.Sqlite)
        {
            // WAL lets the API read while a sync publishes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    /// <summary>Migrations the code knows that the database has not applied (throws when unreachable).</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }
}
