using System.Threading.RateLimiting;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// A token bucket on the System.Threading.RateLimiting <see cref="RateLimiter"/> contract whose refill follows an
/// injected <see cref="TimeProvider"/>: <c>limit</c> tokens, refilled continuously at limit per window. The framework's
/// TokenBucketRateLimiter refills from the machine's stopwatch, which a test clock cannot move.
/// </summary>
public sealed class OkxTokenBucket : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _limit;
    private readonly double _tokensPerTick;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;
    private long _idleSince;

    public OkxTokenBucket(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _limit = limit;
        _tokens = limit;
        _tokensPerTick = limit / (double)window.Ticks;
        _last = time.GetTimestamp();
        _idleSince = _last;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens >= _limit ? _time.GetElapsedTime(_idleSince) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)_tokens };
        }
    }

    /// <summary>How long until <paramref name="permits"/> tokens are free (zero when they are now).</summary>
    public TimeSpan WaitTime(int permits = 1)
    {
        lock (_lock)
        {
            Refill();
            var missing = permits - _tokens;
            return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(missing / _tokensPerTick));
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            Refill();
            if (_tokens + 1e-6 < permitCount)   // a tick of rounding in the clock must not cost a token
                return Lease.Refused;
            _tokens -= permitCount;
            return Lease.Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = AttemptAcquireCore(permitCount);
            if (lease.IsAcquired)
                return lease;
            // Poll rather than sleep the whole wait: a test clock moves without waking a timer.
            var wait = WaitTime(permitCount);
            await Task.Delay(wait < TimeSpan.FromMilliseconds(10) ? wait : TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now);
        _last = now;
        if (elapsed <= TimeSpan.Zero)
            return;
        var wasFull = _tokens >= _limit;
        _tokens = Math.Min(_limit, _tokens + elapsed.Ticks * _tokensPerTick);
        if (!wasFull && _tokens >= _limit)
            _idleSince = now;
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
