using ClusterSync.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClusterSync.Host.Health;

/// <summary>
/// Degraded while a source's last <see cref="StreakLength"/> runs were all partial: the service answers, but that
/// source's part of the directory has not been read whole for a while and decides no deletions.
/// </summary>
internal sealed class PartialRunsCheck(RunHealthQueries runs) : IHealthCheck
{
    public const int StreakLength = 3;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PartialStreak> streaks;
        try
        {
            streaks = await runs.ListPartialStreaksAsync(StreakLength, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded("The run history could not be read: " + ex.Message);
        }

        if (streaks.Count == 0)
        {
            return HealthCheckResult.Healthy("No source has ended its last runs partial.");
        }

        var data = streaks.ToDictionary(s => s.Source, s => (object)(s.LastReason ?? "partial"), StringComparer.Ordinal);
        var sources = string.Join(", ", streaks.Select(s => s.Source));
        return HealthCheckResult.Degraded(
            $"The last {StreakLength} runs of {sources} were partial: their listings are incomplete and decide no deletions.", data: data);
    }
}
