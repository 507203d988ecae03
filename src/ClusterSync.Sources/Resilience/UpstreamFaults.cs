using System.Text.Json;
using ClusterSync.Core.Sync;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace ClusterSync.Sources.Resilience;

/// <summary>Turns what the pipeline gave up on into an <see cref="UpstreamException"/> that says which upstream, which page, and what happened.</summary>
internal static class UpstreamFaults
{
    public static UpstreamException Describe(string source, string page, UpstreamOptions options, Exception fault)
    {
        var attempts = options.MaxRetryAttempts + 1;
        while (fault is ApiRequestException { InnerException: { } cause })
        {
            fault = cause;
        }

        var message = fault switch
        {
            BrokenCircuitException broken =>
                $"{page} was not requested: the circuit breaker is open after repeated failures"
                + (broken.RetryAfter is { } wait ? $"; the next trial call is allowed in {wait:g}." : "."),
            TimeoutRejectedException timeout when timeout.Timeout == options.TotalTimeout && options.TotalTimeout != options.AttemptTimeout =>
                $"{page} was not read within the total timeout of {options.TotalTimeout:g} (retries included).",
            TimeoutRejectedException timeout =>
                $"{page} did not answer within the attempt timeout of {timeout.Timeout:g}, {attempts} attempt(s) made.",
            ResponseRefusedException refused =>
                $"{page} was refused: {refused.Message}",
            RateLimiterRejectedException =>
                $"{page} was refused by the client's rate limiter.",
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse, InnerException: JsonException } e =>
                $"{page} is not valid JSON after {attempts} attempt(s): {e.Message}",
            HttpRequestException e =>
                $"{page} could not be read after {attempts} attempt(s): {e.Message}",
            _ => $"{page} failed: {fault.GetType().Name}: {fault.Message}",
        };
        return new UpstreamException(source, message, fault);
    }
}
