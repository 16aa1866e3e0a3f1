namespace Prometheus.Engine.Market;

/// <summary>
/// One bar time of an <see cref="AlignedSeries"/>: per instrument (in the order of <see cref="AlignedSeries.Instruments"/>),
/// its bar opening at <see cref="TimeMs"/>, or, where its series has no bar at that time, a <b>missing</b> bar:
/// an empty candle (<see cref="Candle.IsEmpty"/>: volume 0, open = high = low = close = the instrument's previous close)
/// so that a position in it can still be valued, while nothing may trade on it.
/// </summary>
/// <remarks>
/// A slice is a view of its enumerator's buffer, so that walking millions of bars allocates nothing per bar:
/// it is valid only until the enumerator moves on. Reading it after that throws <see cref="InvalidOperationException"/>
/// rather than returning another time's bars; copy the candles out (they are values) to keep them.
/// <para>
/// <see cref="IsMissing"/> is the only test for a missing bar. <see cref="Candle.IsEmpty"/> is true for a missing bar,
/// but also for a real bar with no volume, which is every bar of a mark price series (mark candles have no volume).
/// </para>
/// </remarks>
public readonly struct MarketSlice
{
    private readonly AlignedSeries.SliceBuffer _buffer;
    private readonly long _version;

    internal MarketSlice(AlignedSeries.SliceBuffer buffer, long version, long timeMs, int missingCount)
    {
        _buffer = buffer;
        _version = version;
        TimeMs = timeMs;
        MissingCount = missingCount;
    }

    /// <summary>The bars' open time (Unix ms, UTC), on the interval grid.</summary>
    public long TimeMs { get; }

    /// <summary>How many instruments have a missing bar at this time (0 in most slices).</summary>
    public int MissingCount { get; }

    /// <summary>Every instrument has a real bar at this time: the slice is tradable for all of them.</summary>
    public bool IsComplete => MissingCount == 0;

    /// <summary>The number of instruments (the same in every slice).</summary>
    public int Count => Buffer.Bars.Length;

    /// <summary>Instrument <paramref name="instrument"/>'s bar (index into <see cref="AlignedSeries.Instruments"/>).</summary>
    public Candle this[int instrument] => Buffer.Bars[instrument];

    /// <summary>Instrument <paramref name="instrument"/>'s series has no bar at this time: its bar here is a filled, empty one.</summary>
    public bool IsMissing(int instrument) => Buffer.Missing[instrument];

    private AlignedSeries.SliceBuffer Buffer
    {
        get
        {
            var buffer = _buffer ?? throw new InvalidOperationException("A default MarketSlice holds no bars.");
            if (buffer.Version != _version)
                throw new InvalidOperationException(
                    $"This MarketSlice (bar time {TimeMs}) was read after its enumerator moved on; a slice is valid only until then.");
            return buffer;
        }
    }
}
