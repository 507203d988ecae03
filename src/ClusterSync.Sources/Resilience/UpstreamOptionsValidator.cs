using Microsoft.Extensions.Options;

namespace ClusterSync.Sources.Resilience;

/// <summary>Checks upstream settings on start, naming the configuration key of each problem.</summary>
internal class UpstreamOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : UpstreamOptions
{
    private static readonly TimeSpan MinimumCircuitWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Check(failures, options);
        AddSpecificFailures(failures, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    protected virtual void AddSpecificFailures(List<string> failures, TOptions options)
    {
    }

    protected void Require(List<string> failures, bool condition, string key, string problem)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!condition)
        {
            failures.Add($"{section}:{key} {problem}");
        }
    }

    private void Check(List<string> failures, TOptions o)
    {
        Require(failures, o.BaseAddress is { IsAbsoluteUri: true } b && (b.Scheme == Uri.UriSchemeHttp || b.Scheme == Uri.UriSchemeHttps),
            nameof(o.BaseAddress), "must be an absolute http or https address.");
        Require(failures, o.MaxPages > 0, nameof(o.MaxPages), "must be positive.");
        Require(failures, o.AttemptTimeout > TimeSpan.Zero, nameof(o.AttemptTimeout), "must be positive.");
        Require(failures, o.TotalTimeout >= o.AttemptTimeout, nameof(o.TotalTimeout), "must be at least AttemptTimeout.");
        Require(failures, o.MaxRetryAttempts is >= 0 and <= 20, nameof(o.MaxRetryAttempts), "must be between 0 and 20.");
        Require(failures, o.BaseDelay >= TimeSpan.Zero, nameof(o.BaseDelay), "must not be negative.");
        Require(failures, o.MaxDelay >= o.BaseDelay, nameof(o.MaxDelay), "must be at least BaseDelay.");
        Require(failures, o.RequestsPerSecond is > 0 and <= 1000, nameof(o.RequestsPerSecond), "must be above 0 and at most 1000.");
        Require(failures, o.MaxResponseBytes is >= 1024 and <= int.MaxValue, nameof(o.MaxResponseBytes), "must be between 1024 and 2147483647.");
        Require(failures, o.MaxRedirects is >= 0 and <= 10, nameof(o.MaxRedirects), "must be between 0 and 10.");
        var breaker = o.CircuitBreaker;
        Require(failures, breaker is not null, nameof(o.CircuitBreaker), "is required.");
        if (breaker is null)
        {
            return;
        }

        Require(failures, breaker.FailureRatio is > 0 and <= 1, "CircuitBreaker:FailureRatio", "must be above 0 and at most 1.");
        Require(failures, breaker.MinimumThroughput >= 2, "CircuitBreaker:MinimumThroughput", "must be at least 2.");
        Require(failures, breaker.SamplingDuration >= MinimumCircuitWindow, "CircuitBreaker:SamplingDuration", "must be at least 00:00:00.5.");
        Require(failures, breaker.BreakDuration >= MinimumCircuitWindow, "CircuitBreaker:BreakDuration", "must be at least 00:00:00.5.");
    }
}
