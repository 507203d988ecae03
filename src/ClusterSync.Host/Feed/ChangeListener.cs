using ClusterSync.Storage.Feed;

namespace ClusterSync.Host.Feed;

/// <summary>Keeps this instance listening for other instances' publications (PostgreSQL) so long polls wake at once.</summary>
internal sealed class ChangeListener(ChangeNotifications notifications) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => notifications.ListenAsync(stoppingToken);
}
