namespace Prometheus.Engine.Market;

/// <summary>
/// Closed bars of several series that arrive apart (live pushes and polls, each instrument on its own), handed on one bar
/// time at a time with every series' bar of that time, in time order, each time once. A time is handed on when every
/// series has its bar; a series still without one is given a missing bar (empty: its last close, no volume, so nothing
/// trades on it) once another series is two bars past that time, or once <c>patience</c> has passed since the bar
/// closed: one slow or silent instrument never holds the others back for long. A bar that comes after its time was
/// handed on is dropped (its series was already given a missing bar there). Not thread-safe: the caller locks.
/// </summary>
public sealed class BarAligner
{
    private readonly SortedDictionary<long, Candle>[] _pending;
    private readonly Candle?[] _last;
    private readonly long _intervalMs;
    private readonly TimeSpan _patience;
    private readonly TimeProvider _time;

    /// <param name="seriesCount">How many series are aligned.</param>
    /// <param name="intervalMs">Their common bar interval.</param>
    /// <param name="patience">How long after a bar's close a missing series is waited for.</param>
    /// <param name="time">Wall time, for the patience.</param>
    public BarAligner(int seriesCount, long intervalMs, TimeSpan patience, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalMs, 0);
        _pending = [.. Enumerable.Range(0, seriesCount).Select(_ => new SortedDictionary<long, Candle>())];
        _last = new Candle?[seriesCount];
        _intervalMs = intervalMs;
        _patience = patience;
        _time = time;
    }

    /// <summary>The open time of the last bar time handed on (bars at or before it are ignored).</summary>
    public long LastAlignedMs { get; private set; } = long.MinValue;

    /// <summary>Where alignment starts: bars at or before <paramref name="timeMs"/> are history, not handed on.</summary>
    public void StartAfter(long timeMs) => LastAlignedMs = timeMs;

    /// <summary>The series' last known bar (history), whose close a missing bar carries.</summary>
    public void Remember(int series, Candle bar)
    {
        if (_last[series] is not { } last || bar.TimestampMs > last.TimestampMs) _last[series] = bar;
    }

    /// <summary>A closed bar of <paramref name="series"/>; kept until its time is handed on (a repeat replaces it).</summary>
    public void Offer(int series, Candle bar)
    {
        if (bar.TimestampMs > LastAlignedMs) _pending[series][bar.TimestampMs] = bar;
    }

    /// <summary>
    /// The next bar time ready, each series' bar of it into <paramref name="row"/> (a missing one empty at its last
    /// close); false when none is ready yet.
    /// </summary>
    public bool TryNext(Candle[] row)
    {
        long? next = null;
        foreach (var pending in _pending)
            if (pending.Count > 0 && (next is null || pending.Keys.First() < next)) next = pending.Keys.First();
        if (next is not { } t) return false;

        var complete = _pending.All(p => p.ContainsKey(t));
        if (!complete)
        {
            var othersPast = _pending.Any(p => p.Count > 0 && p.Keys.Last() >= t + 2 * _intervalMs);
            var waited = _time.GetUtcNow().ToUnixTimeMilliseconds() >= t + _intervalMs + (long)_patience.TotalMilliseconds;
            if (!othersPast && !waited) return false;
            // A series with no bar yet at all has no close to carry: the time waits for it.
            for (var s = 0; s < _pending.Length; s++)
                if (!_pending[s].ContainsKey(t) && _last[s] is null) return false;
        }
        for (var s = 0; s < _pending.Length; s++)
        {
            if (_pending[s].Remove(t, out var bar))
                _last[s] = bar;
            else
            {
                var close = _last[s]!.Value.Close;
                bar = new Candle(t, close, close, close, close, 0m);
            }
            row[s] = bar;
        }
        LastAlignedMs = t;
        return true;
    }
}
