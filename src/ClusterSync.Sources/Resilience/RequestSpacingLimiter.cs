using System.Threading.RateLimiting;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// Starts requests at least one interval apart, in arrival order: a request waits for its slot rather
/// than being rejected. Unlike a token bucket refilled by a timer, two requests can never start closer
/// together than the interval, which is what "at most one request per second" promises an upstream.
/// </summary>
internal sealed class RequestSpacingLimiter : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _nextSlot = long.MinValue;

    public RequestSpacingLimiter(double requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _intervalTicks = (long)Math.Ceiling(time.TimestampFrequency / requestsPerSecond);
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (now < _nextSlot)
            {
                return SpacingLease.Refused;
            }

            _nextSlot = now + _intervalTicks;
            return SpacingLease.Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var slot = Math.Max(now, _nextSlot);
            _nextSlot = slot + _intervalTicks;
            wait = _time.GetElapsedTime(now, slot);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        return SpacingLease.Granted;
    }

    private sealed class SpacingLease(bool acquired) : RateLimitLease
    {
        public static readonly SpacingLease Granted = new(true);
        public static readonly SpacingLease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
