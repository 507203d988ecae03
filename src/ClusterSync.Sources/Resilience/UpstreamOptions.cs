namespace ClusterSync.Sources.Resilience;

/// <summary>
/// Settings every upstream shares: where it lives, how much of it a read may take, and the resilience
/// pipeline around each HTTP call (total timeout, retry, circuit breaker, rate limiter, attempt timeout).
/// </summary>
public abstract class UpstreamOptions
{
    /// <summary>Base address of the upstream's API; read each time a client is created.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Whether the connector is registered at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When to sync: a Quartz cron expression (seconds first) in UTC; the platform's default when empty.</summary>
    public string? Schedule { get; set; }

    /// <summary>Most pages one read may fetch; a listing longer than that fails rather than ending early.</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>Time allowed for one HTTP attempt, body included (the U.S. API hangs on Solr errors).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one call including every retry and wait.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a retry, also the cap on a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most requests started per second; requests beyond it wait their turn.</summary>
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>
    /// Largest response body read, in bytes (default 32 MiB); a larger page fails as a page, it is never read whole.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Redirects followed per request (default 5), and only to the configured origin (<see cref="BaseAddress"/>'s scheme,
    /// host and port); 0 follows none. A redirect elsewhere fails the page.
    /// </summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>When to stop calling an upstream that keeps failing.</summary>
    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();
}

/// <summary>Circuit breaker settings (see Polly's circuit breaker strategy).</summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Window over which failures are counted (at least 0.5 s).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before one trial call (at least 0.5 s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
