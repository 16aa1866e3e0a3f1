using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine;

/// <summary>
/// Paper trading's market when it replays a series per instrument (Prometheus:Paper:Series): the files read and aligned
/// by bar time over their common span (a bar one lacks is a missing, empty bar there), a column per traded instrument
/// (one without a file of its own takes its coin's).
/// </summary>
public static class PaperMarket
{
    /// <exception cref="CandleDataException">A file is malformed or the series cannot be aligned (the message names it).</exception>
    public static ReplayFeed Aligned(IReadOnlyList<PaperSeries> files, EngineOptions options) => ReplayFeed.Aligned(Columns(files, options));

    /// <summary>A column per traded instrument (in the traded order), the files aligned by bar time: what the feed replays.</summary>
    /// <exception cref="CandleDataException">A file is malformed or the series cannot be aligned (the message names it).</exception>
    public static Candle[][] Columns(IReadOnlyList<PaperSeries> files, EngineOptions options)
    {
        var columns = new AlignedSeries([.. files.Select(f => CandleSeries.Load(f.Instrument, f.DataPath, f.RecordsNoVolume))]).ToColumns();
        return [.. options.Traded.Select(t => columns[SeriesFor(files, options, t)])];
    }

    /// <summary>The index in the traded list whose bar moves <paramref name="instrument"/>: itself, else the first traded on its coin, else the first.</summary>
    public static int TradedIndexFor(EngineOptions options, Instrument instrument)
    {
        var traded = options.Traded;
        for (var t = 0; t < traded.Count; t++)
            if (traded[t].Id == instrument.Id) return t;
        for (var t = 0; t < traded.Count; t++)
            if (traded[t].BaseCcy == instrument.BaseCcy) return t;
        return 0;
    }

    private static int SeriesFor(IReadOnlyList<PaperSeries> files, EngineOptions options, Instrument traded)
    {
        for (var k = 0; k < files.Count; k++)
            if (files[k].Instrument == traded.Id) return k;
        for (var k = 0; k < files.Count; k++)
            if (options.Instruments.TryGet(files[k].Instrument) is { } named && named.BaseCcy == traded.BaseCcy) return k;
        throw new InvalidOperationException($"{traded.Id} has no paper series (checked at startup)");
    }
}
