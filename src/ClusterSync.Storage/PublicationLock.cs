using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>
/// Serialises publication so that commit order equals change-event sequence order: an in-process gate,
/// plus a transaction-scoped PostgreSQL advisory lock across instances. SQLite serialises writers itself
/// and has one process by design.
/// </summary>
internal static class PublicationLock
{
    /// <summary>Arbitrary constant shared by every instance: "CSPUBLSH".</summary>
    private const long AdvisoryKey = 0x4353_5055_424C_5348;

    public static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>Takes the cross-instance lock inside the current transaction (released at commit or rollback).</summary>
    public static async Task AcquireInTransactionAsync(ClusterSyncDbContext db, CancellationToken cancellationToken)
    {
        if (db.Provider == StorageProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey})", cancellationToken);
        }
    }
}
