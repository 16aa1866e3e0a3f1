using System.Globalization;

namespace Prometheus.Engine.Market;

/// <summary>
/// Several instruments' candle series of one interval, walked together by time: one <see cref="MarketSlice"/> per bar
/// time, each holding every instrument's bar at that time or an explicit missing bar.
/// </summary>
/// <remarks>
/// <para><b>Which times.</b> The slices run over the <b>common span</b> of the series, from the latest first bar to the
/// earliest last bar (optionally narrowed to a window), and cover <b>every</b> interval step in it: a time at which
/// only some series have a bar is kept, not dropped. The span is the intersection, not the union, because a backtest
/// needs every instrument priced in every slice: before an instrument's first bar it has no price at all (there is no
/// close to carry, so it could be neither traded nor valued), and after its last bar a carried price would be made up
/// for as long as the others run. Inside the span, a hole in one series (a missing hour) drops nothing: the others keep
/// their bars, and the series with the hole gets a missing bar at that time.</para>
/// <para><b>Missing bars.</b> A missing bar is what the engine already takes for a bar with no trading
/// (<see cref="Candle.IsEmpty"/>: zero volume, treated as missing data): <c>Candle(time, c, c, c, c, 0)</c> where
/// <c>c</c> is the instrument's previous close, so valuing a position in it still works while no order fills on it.
/// <see cref="MarketSlice.IsMissing"/> says which bars were filled, and <see cref="MarketSlice.IsComplete"/> whether
/// the slice is tradable for all instruments. The previous close exists for every missing bar: each series has a
/// bar at or before the span's start.</para>
/// <para><b>Refused</b> with a <see cref="CandleDataException"/> that names the series: intervals that differ, a series with
/// no bars, a bar off the interval grid (the grid is the Unix epoch plus whole intervals, <c>ts % interval == 0</c>,
/// as every shipped file is), a timestamp repeated or going back, and series whose spans do not overlap at all
/// (or do not reach into the window). Instrument ids must be distinct (<see cref="ArgumentException"/>).</para>
/// <para><b>Cost.</b> The constructor checks every bar once. Enumeration is deterministic (instruments in the given order)
/// and allocates only its enumerator: slices are views of one reused buffer (see <see cref="MarketSlice"/>).</para>
/// </remarks>
public sealed class AlignedSeries
{
    private readonly IReadOnlyList<Candle>[] _bars;
    private readonly int[] _startIndex;
    private readonly int[] _missing;
    private readonly Dictionary<string, int> _index;

    /// <param name="series">The series, at least one; their order is the instruments' order in every slice.</param>
    /// <param name="fromMs">Optional window start: slices open at or after it.</param>
    /// <param name="toMs">Optional window end: slices open before it.</param>
    /// <exception cref="CandleDataException">The series cannot be aligned (see the remarks); the message names the series.</exception>
    public AlignedSeries(IReadOnlyList<CandleSeries> series, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
            throw new ArgumentException("At least one series is needed.", nameof(series));

        var ids = new string[series.Count];
        _bars = new IReadOnlyList<Candle>[series.Count];
        _index = new Dictionary<string, int>(series.Count, StringComparer.Ordinal);
        IntervalMs = series[0].IntervalMs;
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i] ?? throw new ArgumentException($"Series {i} is null.", nameof(series));
            ArgumentException.ThrowIfNullOrWhiteSpace(s.Id, nameof(series));
            ArgumentNullException.ThrowIfNull(s.Bars, nameof(series));
            if (!_index.TryAdd(s.Id, i))
                throw new ArgumentException($"The instrument {s.Id} is given twice.", nameof(series));
            ids[i] = s.Id;
            _bars[i] = s.Bars;
            if (s.IntervalMs <= 0)
                throw new CandleDataException($"{s.Id}: the interval {s.IntervalMs} ms is not positive");
            if (s.IntervalMs != IntervalMs)
                throw new CandleDataException(
                    $"{s.Id} has a {s.IntervalMs} ms interval but {series[0].Id} has {IntervalMs} ms; aligned series must share one interval");
            Check(s);
        }
        Instruments = ids;

        // The common span: from the latest first bar to the earliest last bar, narrowed to the window.
        int latestStart = 0, earliestEnd = 0;
        for (var i = 1; i < _bars.Length; i++)
        {
            if (_bars[i][0].TimestampMs > _bars[latestStart][0].TimestampMs) latestStart = i;
            if (_bars[i][^1].TimestampMs < _bars[earliestEnd][^1].TimestampMs) earliestEnd = i;
        }
        long start = _bars[latestStart][0].TimestampMs, last = _bars[earliestEnd][^1].TimestampMs;
        if (start > last)
            throw new CandleDataException(
                $"The series do not overlap: {ids[latestStart]} starts at {Time(start)}, after {ids[earliestEnd]} ends at {Time(last)}");
        if (fromMs > start)
            start = CeilingToGrid(fromMs, IntervalMs);
        if (toMs <= last)
            last = CeilingToGrid(toMs, IntervalMs) - IntervalMs;
        if (start > last)
            throw new CandleDataException(
                $"The window {Time(fromMs)} .. {Time(toMs)} holds no bar time common to all series ({string.Join(", ", ids)})");

        FirstOpenMs = start;
        LastOpenMs = last;
        SliceCount = checked((int)((last - start) / IntervalMs + 1));

        _startIndex = new int[_bars.Length];
        _missing = new int[_bars.Length];
        for (var i = 0; i < _bars.Length; i++)
        {
            _startIndex[i] = BarSearch.FirstAtOrAfter(_bars[i], start);
            _missing[i] = SliceCount - (BarSearch.FirstAtOrAfter(_bars[i], last + 1) - _startIndex[i]);
        }
    }

    /// <summary>The instrument ids, in the order of the bars in every slice.</summary>
    public IReadOnlyList<string> Instruments { get; }

    /// <summary>The shared bar interval.</summary>
    public long IntervalMs { get; }

    /// <summary>The first slice's bar time (Unix ms).</summary>
    public long FirstOpenMs { get; }

    /// <summary>The last slice's bar time (Unix ms).</summary>
    public long LastOpenMs { get; }

    /// <summary>The last slice's close time: <see cref="LastOpenMs"/> plus the interval.</summary>
    public long EndMs => LastOpenMs + IntervalMs;

    /// <summary>How many slices an enumeration yields: every interval step from the first to the last slice time.</summary>
    public int SliceCount { get; }

    /// <summary>Every slice copied out: a column per instrument (in the order of <see cref="Instruments"/>), a bar per slice time.</summary>
    public Candle[][] ToColumns()
    {
        var columns = new Candle[_bars.Length][];
        for (var k = 0; k < columns.Length; k++) columns[k] = new Candle[SliceCount];
        var n = 0;
        foreach (var slice in this)
        {
            for (var k = 0; k < columns.Length; k++) columns[k][n] = slice[k];
            n++;
        }
        return columns;
    }

    /// <summary>The position of <paramref name="instrumentId"/> in <see cref="Instruments"/> (and in each slice), or -1.</summary>
    public int IndexOf(string instrumentId) => _index.TryGetValue(instrumentId, out var i) ? i : -1;

    /// <summary>How many of the slices hold a missing (filled) bar for instrument <paramref name="instrument"/>.</summary>
    public int MissingBars(int instrument) => _missing[instrument];

    /// <summary>Walks the slices in time order; each enumeration starts again at <see cref="FirstOpenMs"/>.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>
    /// The walk over the slices (<c>foreach (var slice in aligned)</c>). <see cref="Current"/> is valid until the next
    /// <see cref="MoveNext"/>.
    /// </summary>
    public sealed class Enumerator
    {
        private readonly AlignedSeries _owner;
        private readonly SliceBuffer _buffer;
        private readonly int[] _next;
        private readonly decimal[] _lastClose;
        private long _time;
        private int _missingCount;

        internal Enumerator(AlignedSeries owner)
        {
            _owner = owner;
            var n = owner._bars.Length;
            _buffer = new SliceBuffer(n);
            _next = (int[])owner._startIndex.Clone();
            _lastClose = new decimal[n];
            for (var i = 0; i < n; i++)
                if (_next[i] > 0)
                    _lastClose[i] = owner._bars[i][_next[i] - 1].Close;
            _time = owner.FirstOpenMs - owner.IntervalMs;
        }

        public MarketSlice Current => _buffer.Version == 0
            ? throw new InvalidOperationException("MoveNext has not been called.")
            : new MarketSlice(_buffer, _buffer.Version, _time, _missingCount);

        public bool MoveNext()
        {
            if (_time >= _owner.LastOpenMs)
                return false;
            var time = _time + _owner.IntervalMs;
            var missingCount = 0;
            var bars = _owner._bars;
            for (var i = 0; i < bars.Length; i++)
            {
                var series = bars[i];
                var next = _next[i];
                Candle bar;
                if (next < series.Count && (bar = series[next]).TimestampMs == time)
                {
                    _buffer.Bars[i] = bar;
                    _buffer.Missing[i] = false;
                    _lastClose[i] = bar.Close;
                    _next[i] = next + 1;
                }
                else
                {
                    var close = _lastClose[i];
                    _buffer.Bars[i] = new Candle(time, close, close, close, close, 0m);
                    _buffer.Missing[i] = true;
                    missingCount++;
                }
            }
            _time = time;
            _missingCount = missingCount;
            _buffer.Version++;
            return true;
        }
    }

    /// <summary>The bars of the current slice, shared by the slices of one enumeration; the version stamps which slice.</summary>
    internal sealed class SliceBuffer(int count)
    {
        public readonly Candle[] Bars = new Candle[count];
        public readonly bool[] Missing = new bool[count];
        public long Version;
    }

    private static void Check(CandleSeries s)
    {
        var bars = s.Bars;
        if (bars.Count == 0)
            throw new CandleDataException($"{s.Id} holds no bars");
        long previous = 0;
        for (var i = 0; i < bars.Count; i++)
        {
            var ts = bars[i].TimestampMs;
            if (ts % s.IntervalMs != 0)
                throw new CandleDataException(
                    $"{s.Id}: bar {i} at {Time(ts)} ({ts}) is off the {s.IntervalMs} ms interval grid");
            if (i > 0 && ts == previous)
                throw new CandleDataException($"{s.Id}: bar {i} repeats the timestamp {Time(ts)} ({ts}) of the bar before");
            if (i > 0 && ts < previous)
                throw new CandleDataException(
                    $"{s.Id}: bar {i} at {Time(ts)} ({ts}) is before the bar before it ({Time(previous)}); bars must be in time order");
            previous = ts;
        }
    }

    private static long CeilingToGrid(long timeMs, long intervalMs)
    {
        var floor = timeMs - ((timeMs % intervalMs) + intervalMs) % intervalMs;
        return floor == timeMs ? timeMs : floor + intervalMs;
    }

    private static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static string Time(long ms) =>
        ms == long.MinValue ? "the beginning"
        : ms == long.MaxValue ? "the end"
        : ms < MinUnixMs || ms > MaxUnixMs ? ms.ToString(CultureInfo.InvariantCulture) + " ms"
        : DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
