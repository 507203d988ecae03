using System.Net;
using ClusterSync.Sources.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// The one resilience pipeline of an upstream client, outermost first: total timeout, retry (exponential
/// with jitter, honouring <c>Retry-After</c>), circuit breaker, rate limiter, attempt timeout; then, inside each
/// attempt, the <see cref="JsonResponseGuard"/> (size cap, whole JSON body) and the <see cref="OriginRedirectHandler"/>
/// (redirects within the configured origin only) over a primary handler that follows no redirect itself.
/// A handled retry is one warning line; the pipeline's own event log (exceptions with their stack) stays off.
/// </summary>
internal static class UpstreamResilience
{
    public static IHttpClientBuilder AddUpstreamResilience<TOptions>(this IHttpClientBuilder builder, string source, string section)
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
            pipeline.ConfigureTelemetry(NullLoggerFactory.Instance);
        });
        builder.AddHttpMessageHandler(provider => new JsonResponseGuard(source, section, CurrentOptions<TOptions>(provider)));
        builder.AddHttpMessageHandler(provider => new OriginRedirectHandler(CurrentOptions<TOptions>(provider), section));
        builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        return builder;
    }

    private static Func<UpstreamOptions> CurrentOptions<TOptions>(IServiceProvider provider)
        where TOptions : UpstreamOptions
    {
        var monitor = provider.GetRequiredService<IOptionsMonitor<TOptions>>();
        return () => monitor.CurrentValue;
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
                    UpstreamLog.Retrying(
                        logger,
                        source,
                        args.Context.GetRequestMessage()?.RequestUri?.PathAndQuery ?? "?",
                        args.AttemptNumber + 2,
                        options.MaxRetryAttempts + 1,
                        args.RetryDelay,
                        Describe(args.Outcome, options));
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

    /// <summary>Faults worth another attempt: transport errors, timeouts, unreadable bodies, 408, 429 and 5xx; never a refused response.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is not ResponseRefusedException
        && (outcome.Exception is IOException || HttpClientResiliencePredicates.IsTransient(outcome));

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

    /// <summary>Why an attempt failed, in plain words: the status, the timeout, or the transport error's own message.</summary>
    internal static string Describe(Outcome<HttpResponseMessage> outcome, UpstreamOptions options) => outcome.Exception switch
    {
        null => $"HTTP {(int)(outcome.Result?.StatusCode ?? HttpStatusCode.InternalServerError)} {outcome.Result?.ReasonPhrase}".TrimEnd(),
        TimeoutRejectedException => $"no answer within the attempt timeout of {options.AttemptTimeout:g}",
        BrokenCircuitException => "the circuit breaker is open",
        { InnerException: { } cause } e when cause.Message != e.Message => $"{e.Message.TrimEnd('.')} ({cause.Message.TrimEnd('.')})",
        var e => e.Message.TrimEnd('.'),
    };
}

/// <summary>The log lines of the upstream pipeline.</summary>
internal static partial class UpstreamLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: retrying {Path} (attempt {Attempt} of {Attempts}) in {Delay} after {Reason}")]
    public static partial void Retrying(ILogger logger, string source, string path, int attempt, int attempts, TimeSpan delay, string reason);
}
