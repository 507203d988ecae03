using Microsoft.Data.Sqlite;

namespace ClusterSync.Storage;

/// <summary>
/// An exclusive operating-system lock on a file beside the SQLite database. The kernel releases it when the
/// holder dies, so unlike a row in a lock table it can never be left behind by a killed process.
/// </summary>
public sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The lock file for <paramref name="purpose"/> beside the database, or null for a database without a file.</summary>
    public static string? PathFor(string connectionString, string purpose)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : System.IO.Path.GetFullPath(dataSource) + "." + purpose + ".lock";
    }

    /// <summary>Takes the lock now, or returns null when another live process holds it.</summary>
    public static SqliteFileLock? TryAcquire(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new SqliteFileLock(stream, path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock.</summary>
    /// <exception cref="TimeoutException">Another live process held it all the while.</exception>
    public static async Task<SqliteFileLock> AcquireAsync(string path, TimeSpan timeout, string holder, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryAcquire(path) is { } acquired)
            {
                return acquired;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{holder} still holds {path} after {timeout.TotalSeconds:0} s; is another ClusterSync process running on this database?");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public void Dispose() => _stream.Dispose();
}
