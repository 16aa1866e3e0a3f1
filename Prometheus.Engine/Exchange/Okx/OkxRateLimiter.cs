namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// One <see cref="OkxTokenBucket"/> per endpoint, sized from <see cref="OkxEndpointLimits"/>: a burst of the full
/// limit passes, then calls are spaced evenly. A caller over the limit waits for a token instead of being refused
/// by OKX with 50011.
/// </summary>
public sealed class OkxRateLimiter : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Func<string, int> _limitOf;
    private readonly TimeSpan _window;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OkxTokenBucket> _buckets = new(StringComparer.Ordinal);
    private long _throttled;

    public OkxRateLimiter(TimeProvider time, Func<string, int>? limitOf = null, TimeSpan? window = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _limitOf = limitOf ?? OkxEndpointLimits.For;
        _window = window ?? OkxEndpointLimits.Window;
    }

    /// <summary>Times a caller had to wait for a token.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Takes a token for <paramref name="path"/> when one is free now.</summary>
    public bool TryAcquire(string path)
    {
        using var lease = BucketFor(path).AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <summary>Waits until a token for <paramref name="path"/> is free and takes it.</summary>
    public async ValueTask WaitAsync(string path, CancellationToken ct)
    {
        if (TryAcquire(path))
            return;
        Interlocked.Increment(ref _throttled);
        using var lease = await BucketFor(path).AcquireAsync(1, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
            bucket.Dispose();
        _buckets.Clear();
    }

    private OkxTokenBucket BucketFor(string path) =>
        _buckets.GetOrAdd(path, p => new OkxTokenBucket(Math.Max(1, _limitOf(p)), _window, _time));
}
