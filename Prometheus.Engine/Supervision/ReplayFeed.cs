using Prometheus.Engine.Market;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Paper trading's market: a candle file replayed bar by bar. After a restart it resumes after the last bar the
/// engine saw; at the end of the file it starts over from the beginning (the same history, replayed again later in
/// time, so the clock keeps moving forward: each lap's timestamps are shifted by the file's span).
/// <see cref="Aligned"/> replays a series per traded instrument, aligned by bar time, all moving together.
/// </summary>
public sealed class ReplayFeed : IBarFeed
{
    private readonly Candle[] _bars;
    private readonly Candle[][] _columns;
    private readonly Candle[]? _row;
    private readonly long _lapMs;
    private int _next;
    private long _offsetMs;

    public ReplayFeed(IEnumerable<Candle> bars) : this([[.. bars]])
    {
    }

    /// <summary>A bar per traded instrument at every bar time: <paramref name="columns"/>[t] is traded instrument t's series, all of one length and one set of times.</summary>
    public static ReplayFeed Aligned(IReadOnlyList<Candle[]> columns)
    {
        if (columns.Count == 0 || columns.Any(c => c.Length != columns[0].Length))
            throw new ArgumentException("Aligned series must be given, all of one length.", nameof(columns));
        return new ReplayFeed([.. columns]);
    }

    private ReplayFeed(Candle[][] columns)
    {
        _columns = columns;
        _bars = columns[0];
        _row = columns.Length > 1 ? new Candle[columns.Length] : null;
        if (_bars.Length < 2) throw new ArgumentException("A replay needs at least two bars.", nameof(columns));
        Interval = TimeSpan.FromMilliseconds(_bars[1].TimestampMs - _bars[0].TimestampMs);
        _lapMs = _bars[^1].TimestampMs - _bars[0].TimestampMs + (long)Interval.TotalMilliseconds;
    }

    public TimeSpan Interval { get; }

    public int Count => _bars.Length;

    /// <summary>How far each lap shifts the file's timestamps: its span plus one interval.</summary>
    public long LapMs => _lapMs;

    /// <summary>Open time of the file's first bar (Unix ms).</summary>
    public long FirstTimestampMs => _bars[0].TimestampMs;

    /// <summary>
    /// Positions the feed where paper trading resumes, and returns the open time of the bar it resumes after: the newest bar
    /// either side saw, the engine or the exchange. <paramref name="savedMarketMs"/> is the saved state's market time, the
    /// close of the last bar on which the engine did anything that is on disk (an order journalled, a fill booked, a birth,
    /// a death, a checkpoint): the next bar is the one after it, so no bar is decided twice. Bars after it that left
    /// nothing on disk are played again. On a first start (neither saw a bar) it starts far enough into the file for
    /// <paramref name="warmUpBars"/> bars to warm the indicators before it.
    /// </summary>
    public long Resume(long? savedMarketMs, long? exchangeLastBarMs, int warmUpBars)
    {
        var interval = (long)Interval.TotalMilliseconds;
        var resumeAfter = Math.Max(savedMarketMs - interval ?? long.MinValue, exchangeLastBarMs ?? long.MinValue);
        if (resumeAfter == long.MinValue)
            resumeAfter = FirstTimestampMs + (Math.Min(warmUpBars, Count / 2) - 1) * interval;
        SeekAfter(resumeAfter);
        return resumeAfter;
    }

    /// <summary>Positions the feed on the first bar after <paramref name="timestampMs"/> (in replay time, laps included).</summary>
    public void SeekAfter(long timestampMs)
    {
        var laps = Math.Max(0, (timestampMs - _bars[0].TimestampMs) / _lapMs);
        _offsetMs = laps * _lapMs;
        var local = timestampMs - _offsetMs;
        var index = Array.BinarySearch(_bars, new Candle(local, 0, 0, 0, 0, 0), Comparer<Candle>.Create((a, b) => a.TimestampMs.CompareTo(b.TimestampMs)));
        _next = index >= 0 ? index + 1 : ~index;
        if (_next >= _bars.Length) Wrap();
    }

    public bool TryNext(out Candle bar)
    {
        var raw = _bars[_next];
        bar = raw with { TimestampMs = raw.TimestampMs + _offsetMs };
        if (_row is not null)
            for (var t = 0; t < _row.Length; t++) _row[t] = _columns[t][_next] with { TimestampMs = bar.TimestampMs };
        if (++_next >= _bars.Length) Wrap();
        return true;
    }

    public IReadOnlyList<Candle>? BarsByTraded => _row;

    public IReadOnlyList<Candle> History(int count) => History(count, 0);

    public IReadOnlyList<Candle> History(int count, int traded)
    {
        var bars = _columns[_row is null ? 0 : traded];
        var result = new List<Candle>(count);
        for (var i = Math.Max(0, _next - count); i < _next; i++)
            result.Add(bars[i] with { TimestampMs = bars[i].TimestampMs + _offsetMs });
        return result;
    }

    private void Wrap()
    {
        _next = 0;
        _offsetMs += _lapMs;
    }
}
