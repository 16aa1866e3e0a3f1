using Prometheus.Engine.Market;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// A recorded series beside the replayed one (a finer candle file, OKX's mark prices), laid on the replay's calendar the
/// way the replay lays its own file: a bar recorded at file time t stands at t + k × lap in lap k. Only file times inside
/// the replayed file's span [first, first + lap) take part, so a recording of a period the replay never plays (the 2022
/// 5m file beside the 2023.. 15m replay) is never served.
/// </summary>
public sealed class SimRecordedSeries
{
    private readonly Candle[] _bars;
    private readonly long _replayFirstMs;
    private readonly long _lapMs;

    /// <param name="bars">The recording, in file time, oldest first (at least two bars).</param>
    /// <param name="replayFirstMs">Open time of the replayed file's first bar.</param>
    /// <param name="lapMs">How far each replay lap shifts the replayed file.</param>
    public SimRecordedSeries(IEnumerable<Candle> bars, long replayFirstMs, long lapMs)
    {
        _bars = [.. bars];
        if (_bars.Length < 2)
            throw new ArgumentException("A recorded series needs at least two bars.", nameof(bars));
        // The smallest step is the interval: a recording may have holes, never a finer bar.
        var step = long.MaxValue;
        for (var i = 1; i < _bars.Length; i++)
            step = Math.Min(step, _bars[i].TimestampMs - _bars[i - 1].TimestampMs);
        Interval = TimeSpan.FromMilliseconds(step);
        _replayFirstMs = replayFirstMs;
        _lapMs = lapMs;
    }

    public TimeSpan Interval { get; }

    public long IntervalMs => (long)Interval.TotalMilliseconds;

    /// <summary>The recording's first open and last close, in file time.</summary>
    public (long FirstMs, long EndMs) Span => (_bars[0].TimestampMs, _bars[^1].TimestampMs + IntervalMs);

    /// <summary>Replay time of file time <paramref name="fileMs"/> in the lap that holds replay time <paramref name="replayMs"/>.</summary>
    public long InLapOf(long replayMs, long fileMs) => fileMs + LapOf(replayMs) * _lapMs;

    /// <summary>The recorded bars, in replay time, that lie wholly in [<paramref name="fromMs"/>, <paramref name="untilMs"/>), oldest first.</summary>
    public List<Candle> Within(long fromMs, long untilMs)
    {
        var result = new List<Candle>();
        if (untilMs <= fromMs)
            return result;
        for (var lap = LapOf(fromMs); lap <= LapOf(untilMs - 1); lap++)
        {
            var offset = lap * _lapMs;
            var from = Math.Max(fromMs - offset, _replayFirstMs);
            var until = Math.Min(untilMs - offset, _replayFirstMs + _lapMs);
            for (var i = FirstAtOrAfter(from); i < _bars.Length && _bars[i].TimestampMs + IntervalMs <= until; i++)
                result.Add(_bars[i] with { TimestampMs = _bars[i].TimestampMs + offset });
        }
        return result;
    }

    private long LapOf(long replayMs) => Math.Max(0, (replayMs - _replayFirstMs) / _lapMs);

    private int FirstAtOrAfter(long fileMs)
    {
        int lo = 0, hi = _bars.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_bars[mid].TimestampMs < fileMs)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
