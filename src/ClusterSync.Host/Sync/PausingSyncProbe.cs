using ClusterSync.Core.Sync;

namespace ClusterSync.Host.Sync;

/// <summary>
/// For crash tests (<c>Diagnostics:PauseSyncAt=&lt;point&gt;</c>): at that point of a sync, says so on standard output
/// and waits until the process is killed, so that a test can kill it exactly there.
/// </summary>
internal sealed class PausingSyncProbe(string point) : ISyncProbe
{
    public const string Setting = "Diagnostics:PauseSyncAt";

    public async ValueTask ReachedAsync(string reached, CancellationToken cancellationToken)
    {
        if (!string.Equals(reached, point, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await Console.Out.WriteLineAsync("clustersync: sync paused at " + reached);
        await Console.Out.FlushAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
