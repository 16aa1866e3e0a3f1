namespace Prometheus.Engine.Market;

/// <summary>
/// Reads the market regime off the change of the close over a time window (30 days by default):
/// change = close / reference − 1, where the reference is the last close at or before
/// <c>ts − window</c>. Working by timestamp, not bar count, keeps the window right across gaps.
/// </summary>
/// <remarks>
/// <para>Boundaries (see <see cref="Classify"/>): change &gt; +20 % StrongBull; +5 % ≤ change ≤ +20 % WeakBull;
/// −5 % &lt; change &lt; +5 % Sideways; −20 % ≤ change ≤ −5 % WeakBear; change &lt; −20 % StrongBear.
/// So exactly ±5 % and exactly ±20 % are Weak: Strong needs strictly more than 20 %, Sideways strictly less than 5 %.</para>
/// <para>Before a full window of history exists the reference is the oldest close seen, the regime is still
/// computed from it, and <see cref="IsWarm"/> is false.</para>
/// <para>The change is computed in decimal from the decimal closes and only then converted to double, so a move
/// of exactly 5 % or 20 % in price lands exactly on the boundary (a double division could land a hair inside).</para>
/// <para>Memory: one (timestamp, close) pair per bar of the window, in a ring that grows by doubling during the
/// first window and then stays put: no allocation per bar after warm-up. O(1) amortised per bar.</para>
/// </remarks>
public sealed class RegimeDetector
{
    public const double StrongThreshold = 0.20;
    public const double WeakThreshold = 0.05;

    private readonly long _windowMs;
    private Entry[] _ring = new Entry[256];
    private int _head;
    private int _count;
    private bool _hasLast;
    private long _lastTs;

    public RegimeDetector(TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(window), window, "must be positive");
        Window = window;
        _windowMs = (long)window.TotalMilliseconds;
    }

    public TimeSpan Window { get; }

    /// <summary>close / reference close − 1 after the last <see cref="Update"/>; 0 before any.</summary>
    public double Change { get; private set; }

    /// <summary>The regime after the last <see cref="Update"/>; Sideways before any.</summary>
    public MarketRegime Regime { get; private set; } = MarketRegime.Sideways;

    /// <summary>True once the history reaches back a full window (the reference is at or before ts − window).</summary>
    public bool IsWarm { get; private set; }

    /// <summary>
    /// The regime for a change over the window (a fraction: 0.05 is +5 %).
    /// Exactly ±0.05 and exactly ±0.20 are WeakBull/WeakBear. NaN is rejected.
    /// </summary>
    public static MarketRegime Classify(double change)
    {
        if (double.IsNaN(change))
            throw new ArgumentOutOfRangeException(nameof(change), change, "must be a number");
        if (change > StrongThreshold)
            return MarketRegime.StrongBull;
        if (change >= WeakThreshold)
            return MarketRegime.WeakBull;
        if (change > -WeakThreshold)
            return MarketRegime.Sideways;
        if (change >= -StrongThreshold)
            return MarketRegime.WeakBear;
        return MarketRegime.StrongBear;
    }

    /// <summary>Adds a bar's close. Timestamps must increase strictly; the close must be positive.</summary>
    public MarketRegime Update(long timestampMs, decimal close)
    {
        if (close <= 0m)
            throw new ArgumentOutOfRangeException(nameof(close), close, "must be a positive price");
        if (_hasLast && timestampMs <= _lastTs)
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs,
                $"must be after the previous timestamp {_lastTs}");
        _hasLast = true;
        _lastTs = timestampMs;

        Push(new Entry(timestampMs, close));

        // Keep exactly one entry at or before the target (the reference); drop the older ones.
        long target = timestampMs - _windowMs;
        while (_count >= 2 && At(1).TimestampMs <= target)
        {
            _head = _head + 1 == _ring.Length ? 0 : _head + 1;
            _count--;
        }

        Entry reference = At(0);
        IsWarm = reference.TimestampMs <= target;
        Change = (double)(close / reference.Close - 1m);
        Regime = Classify(Change);
        return Regime;
    }

    private Entry At(int index)
    {
        int i = _head + index;
        return _ring[i >= _ring.Length ? i - _ring.Length : i];
    }

    private void Push(Entry entry)
    {
        if (_count == _ring.Length)
        {
            var bigger = new Entry[_ring.Length * 2];
            for (int i = 0; i < _count; i++)
                bigger[i] = At(i);
            _ring = bigger;
            _head = 0;
        }

        int tail = _head + _count;
        _ring[tail >= _ring.Length ? tail - _ring.Length : tail] = entry;
        _count++;
    }

    private readonly record struct Entry(long TimestampMs, decimal Close);
}
