using System.Threading.RateLimiting;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// One token bucket per endpoint (System.Threading.RateLimiting): a bucket holds the endpoint's limit and refills
/// one token every window/limit, so a burst of the full limit passes and then calls are spaced evenly.
/// Replenishment is driven by the injected <see cref="TimeProvider"/> rather than the limiter's own timer, so tests
/// move time by hand. A caller over the limit waits (polling the clock every few milliseconds) instead of failing.
/// </summary>
public sealed class OkxRateLimiter : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly TimeProvider _time;
    private readonly Func<string, int> _limitOf;
    private readonly TimeSpan _window;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public OkxRateLimiter(TimeProvider time, Func<string, int>? limitOf = null, TimeSpan? window = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _limitOf = limitOf ?? OkxEndpointLimits.For;
        _window = window ?? OkxEndpointLimits.Window;
    }

    /// <summary>Times a caller had to wait for a token (for tests and the status line).</summary>
    public long Throttled { get; private set; }

    /// <summary>Takes a token for <paramref name="path"/> when one is free now.</summary>
    public bool TryAcquire(string path)
    {
        lock (_lock)
        {
            var bucket = BucketFor(path);
            Replenish(bucket);
            using var lease = bucket.Limiter.AttemptAcquire(1);
            return lease.IsAcquired;
        }
    }

    /// <summary>Waits until a token for <paramref name="path"/> is free and takes it.</summary>
    public async ValueTask WaitAsync(string path, CancellationToken ct)
    {
        if (TryAcquire(path))
            return;
        lock (_lock)
            Throttled++;
        while (!TryAcquire(path))
            await Task.Delay(Poll, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var bucket in _buckets.Values)
                bucket.Limiter.Dispose();
            _buckets.Clear();
        }
    }

    private Bucket BucketFor(string path)
    {
        if (_buckets.TryGetValue(path, out var bucket))
            return bucket;
        var limit = Math.Max(1, _limitOf(path));
        var period = _window / limit;
        bucket = new Bucket(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = 0,
        }), period, limit, _time.GetTimestamp());
        _buckets[path] = bucket;
        return bucket;
    }

    private void Replenish(Bucket bucket)
    {
        var elapsed = _time.GetElapsedTime(bucket.LastRefill);
        var periods = (long)(elapsed.Ticks / bucket.Period.Ticks);
        if (periods <= 0)
            return;
        for (var i = 0; i < Math.Min(periods, bucket.Limit); i++)
            bucket.Limiter.TryReplenish();
        bucket.LastRefill += (long)(periods * bucket.Period.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
    }

    private sealed class Bucket(TokenBucketRateLimiter limiter, TimeSpan period, int limit, long lastRefill)
    {
        public TokenBucketRateLimiter Limiter { get; } = limiter;
        public TimeSpan Period { get; } = period;
        public int Limit { get; } = limit;
        public long LastRefill { get; set; } = lastRefill;
    }
}
