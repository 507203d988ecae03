using System.Net;
using ClusterSync.Sources.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// The one resilience pipeline of an upstream client, outermost first: total timeout, retry (exponential
/// with jitter, honouring <c>Retry-After</c>), circuit breaker, rate limiter, attempt timeout; then the
/// <see cref="JsonResponseGuard"/> inside each attempt.
/// </summary>
internal static class UpstreamResilience
{
    public static IHttpClientBuilder AddUpstreamResilience<TOptions>(this IHttpClientBuilder builder, string source)
        where TOptions : UpstreamOptions
    {
        builder.AddResilienceHandler($"{source}-upstream", (pipeline, context) =>
        {
            var options = context.GetOptions<TOptions>();
            context.EnableReloads<TOptions>();
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UpstreamResilience).FullName!);
            var limiter = new RequestSpacingLimiter(options.RequestsPerSecond, time);
            context.OnPipelineDisposed(limiter.Dispose);
            Configure(pipeline, source, options, limiter, logger, time, context.ServiceProvider.GetService<UpstreamCircuits>());
        });
        builder.AddHttpMessageHandler(() => new JsonResponseGuard(source));
        return builder;
    }

    internal static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        string source,
        UpstreamOptions options,
        RequestSpacingLimiter limiter,
        ILogger logger,
        TimeProvider time,
        UpstreamCircuits? circuits = null)
    {
        pipeline
            .AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome, options.MaxDelay, time)),
                OnRetry = args =>
                {
                    SourcesTelemetry.RecordRetry(source);
                    logger.LogWarning(
                        "Retrying {Source} (attempt {Attempt}) in {Delay} after {Outcome}",
                        source,
                        args.AttemptNumber + 2,
                        args.RetryDelay,
                        Describe(args.Outcome));
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit-breaker",
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnOpened = _ =>
                {
                    circuits?.Report(source, "open", time.GetUtcNow());
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    circuits?.Report(source, "half-open", time.GetUtcNow());
                    return default;
                },
                OnClosed = _ =>
                {
                    circuits?.Report(source, "closed", time.GetUtcNow());
                    return default;
                },
            })
            .AddRateLimiter(limiter)
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>Faults worth another attempt: transport errors, timeouts, unreadable bodies, 408, 429 and 5xx.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is IOException || HttpClientResiliencePredicates.IsTransient(outcome);

    /// <summary>The server's <c>Retry-After</c> as a delay capped at <paramref name="maxDelay"/>, or null to back off.</summary>
    internal static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider time)
    {
        var header = outcome.Result?.Headers.RetryAfter;
        TimeSpan? delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
        if (delay is not { } value)
        {
            return null;
        }

        return value <= TimeSpan.Zero ? TimeSpan.Zero : value > maxDelay ? maxDelay : value;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e
            ? $"{e.GetType().Name}: {e.Message}"
            : $"HTTP {(int)(outcome.Result?.StatusCode ?? HttpStatusCode.InternalServerError)}";
}
