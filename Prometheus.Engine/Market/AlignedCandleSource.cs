namespace Prometheus.Engine.Market;

/// <summary>
/// Several instruments' series aligned by bar time (see <see cref="AlignedSeries"/>), read as one source: its bar times
/// are the first series' (a missing bar is an empty one), and <see cref="ReadColumns"/> gives every instrument's bars
/// over the same span. What research reads of it is bounded by time as for one file: the holdout is never read.
/// </summary>
public sealed class AlignedCandleSource : ICandleSource
{
    private readonly Candle[][] _columns;

    public AlignedCandleSource(IReadOnlyList<CandleSeries> series)
    {
        var aligned = new AlignedSeries(series);
        _columns = aligned.ToColumns();
        Ids = aligned.Instruments;
        IntervalMs = aligned.IntervalMs;
        Name = string.Join(", ", series.Select(s => s.Id));
    }

    /// <summary>The instrument ids, in the order of <see cref="ReadColumns"/>.</summary>
    public IReadOnlyList<string> Ids { get; }

    public string Name { get; }

    public long FirstOpenMs => _columns[0][0].TimestampMs;

    public long EndMs => _columns[0][^1].TimestampMs + IntervalMs;

    public long IntervalMs { get; }

    public IReadOnlyList<Candle> Read(long fromMs, long toMs) => ReadColumns(fromMs, toMs)[0];

    /// <summary>Every instrument's bars opening in [<paramref name="fromMs"/>, <paramref name="toMs"/>), in the order of <see cref="Ids"/>.</summary>
    public IReadOnlyList<IReadOnlyList<Candle>> ReadColumns(long fromMs, long toMs)
    {
        var from = BarSearch.FirstAtOrAfter(_columns[0], fromMs);
        var count = Math.Max(0, BarSearch.FirstAtOrAfter(_columns[0], toMs) - from);
        return [.. _columns.Select(c => (IReadOnlyList<Candle>)new ArraySegment<Candle>(c, from, count))];
    }
}
