using Microsoft.Extensions.Logging;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// Reads a page again while it answers but looks wrong (an empty page that still links onward, a page shorter
/// than the listing's own total says): up to <see cref="UpstreamOptions.MaxRetryAttempts"/> more times, waiting
/// from <see cref="UpstreamOptions.BaseDelay"/> doubling up to <see cref="UpstreamOptions.MaxDelay"/>, the budget the
/// retry strategy has for faults. A page still wrong after that is returned with what is wrong with it, so the
/// connector can read on past it and report the listing incomplete.
/// </summary>
internal static partial class AnomalousPageRetry
{
    /// <param name="fetch">Requests the page (again).</param>
    /// <param name="anomaly">What is wrong with a page, in words that follow its description, or null when nothing is.</param>
    /// <param name="page">The page as messages name it, e.g. <c>page 3 (https://…)</c>.</param>
    /// <returns>The last page read, and why it is still wrong (null when it cleared).</returns>
    public static async Task<(TPage Page, string? Anomaly)> ReadAsync<TPage>(
        Func<CancellationToken, Task<TPage>> fetch,
        Func<TPage, CancellationToken, ValueTask<string?>> anomaly,
        string source,
        string page,
        UpstreamOptions options,
        ILogger logger,
        CancellationToken cancellationToken)
        where TPage : IDisposable
    {
        var attempts = options.MaxRetryAttempts + 1;
        var current = await fetch(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            string? problem;
            try
            {
                problem = await anomaly(current, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                current.Dispose();
                throw;
            }

            if (problem is null)
            {
                return (current, null);
            }

            if (attempt >= attempts)
            {
                LogGivenUp(logger, source, page, problem, attempts);
                return (current, $"{page} {problem}, still after {attempts} attempt(s)");
            }

            var delay = Delay(options, attempt);
            LogRetrying(logger, source, page, problem, attempt + 1, attempts, delay);
            current.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            current = await fetch(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Delay(UpstreamOptions options, int attempt)
    {
        var delay = options.BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay > options.MaxDelay ? options.MaxDelay : delay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: {Page} {Problem}; reading it again (attempt {Attempt} of {Attempts}) in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string source, string page, string problem, int attempt, int attempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Source}: {Page} {Problem}, still after {Attempts} attempt(s); reading on past it, so the listing is incomplete")]
    private static partial void LogGivenUp(ILogger logger, string source, string page, string problem, int attempts);
}
