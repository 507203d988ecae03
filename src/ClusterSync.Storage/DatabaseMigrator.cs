using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClusterSync.Storage;

/// <summary>
/// Applies the provider's migration set and reports whether the schema is current. A start with nothing to
/// migrate takes no lock. On SQLite, EF Core's lock row (<c>__EFMigrationsLock</c>, which has no timeout) is
/// guarded by an operating-system file lock: whoever holds the file lock is alive, so a lock row found while
/// holding it was left by a killed process and is cleared.
/// </summary>
public sealed class DatabaseMigrator(IClusterSyncDbContextFactory contexts, IOptions<StorageOptions> options)
{
    /// <summary>How long a start waits for another live process's migration.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Applies every pending migration; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            using var fileLock = await AcquireSqliteLockAsync(db, cancellationToken);
            if (fileLock is not null)
            {
                await ClearStaleSqliteLockAsync(db, cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Provider == StorageProvider.Sqlite)
        {
            // WAL lets the API read while a sync publishes (persistent; cheap to repeat).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await OrganisationProjection.BackfillAsync(db, cancellationToken);

        return pending;
    }

    /// <summary>Migrations the code knows that the database has not applied (throws when unreachable).</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    private async Task<SqliteFileLock?> AcquireSqliteLockAsync(ClusterSyncDbContext db, CancellationToken cancellationToken) =>
        db.Provider == StorageProvider.Sqlite && SqliteFileLock.PathFor(options.Value.EffectiveConnectionString, "migrate") is { } path
            ? await SqliteFileLock.AcquireAsync(path, LockTimeout, "A migration of another process", cancellationToken)
            : null;

    private static async Task ClearStaleSqliteLockAsync(ClusterSyncDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                command.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
