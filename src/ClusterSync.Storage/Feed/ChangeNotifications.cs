using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClusterSync.Storage.Feed;

/// <summary>
/// Wakes long-polling feed readers when a publication commits: in this process directly, and on PostgreSQL across
/// instances through <c>LISTEN/NOTIFY</c> (a publication notifies inside its transaction, so the notification is sent
/// at commit). On SQLite (one process) readers are woken in process and poll besides.
/// </summary>
public sealed class ChangeNotifications(IOptions<StorageOptions> options, ILogger<ChangeNotifications> logger)
{
    /// <summary>The PostgreSQL channel publications notify.</summary>
    public const string Channel = "clustersync_changes";

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a waiting reader goes without reading again, notification or not.</summary>
    public TimeSpan PollInterval => options.Value.ParsedProvider == StorageProvider.Postgres ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250);

    /// <summary>Completes at the next publication's commit seen by this instance. Take it before reading.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every waiting reader.</summary>
    public void Published() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>On PostgreSQL, listens for other instances' publications until cancelled, reconnecting after a failure.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ParsedProvider != StorageProvider.Postgres)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.Value.EffectiveConnectionString);
                await connection.OpenAsync(cancellationToken);
                connection.Notification += (_, _) => Published();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                // Anything committed while we were not listening is found by the readers' next read.
                Published();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Listening for publications failed; feed readers poll until it is back.");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
