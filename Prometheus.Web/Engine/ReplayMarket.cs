using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine;

/// <summary>
/// A replay of a series per instrument (Prometheus:Paper:Series for paper trading, Prometheus:Sim:Series for
/// exchange-sim): the files read and aligned by bar time over their common span (a bar one lacks is a missing, empty bar
/// there), a column per instrument (one without a file of its own takes its coin's).
/// </summary>
public static class ReplayMarket
{
    /// <exception cref="CandleDataException">A file is malformed or the series cannot be aligned (the message names it).</exception>
    public static ReplayFeed Aligned(IReadOnlyList<ReplaySeries> files, EngineOptions options) => ReplayFeed.Aligned(Columns(files, options));

    /// <summary>A column per traded instrument (in the traded order), the files aligned by bar time: what the feed replays.</summary>
    /// <exception cref="CandleDataException">A file is malformed or the series cannot be aligned (the message names it).</exception>
    public static Candle[][] Columns(IReadOnlyList<ReplaySeries> files, EngineOptions options) => Columns(files, options.Traded, options.Instruments);

    /// <summary>A column per instrument of <paramref name="instruments"/>, the files aligned by bar time (instruments of one coin share one array).</summary>
    /// <exception cref="CandleDataException">A file is malformed or the series cannot be aligned (the message names it).</exception>
    public static Candle[][] Columns(IReadOnlyList<ReplaySeries> files, IReadOnlyList<Instrument> instruments, InstrumentCatalog catalog)
    {
        var columns = new AlignedSeries([.. files.Select(f => CandleSeries.Load(f.Instrument, f.DataPath, f.RecordsNoVolume, f.GatheredInto))]).ToColumns();
        return [.. instruments.Select(t => columns[SeriesFor(files, catalog, t)])];
    }

    /// <summary>The index in the traded list whose bar moves <paramref name="instrument"/>: itself, else the first traded on its coin, else the first.</summary>
    public static int TradedIndexFor(EngineOptions options, Instrument instrument) => IndexFor(options.Traded, instrument);

    /// <summary>The index in <paramref name="traded"/> whose series moves <paramref name="instrument"/>: itself, else the first on its coin, else the first.</summary>
    public static int IndexFor(IReadOnlyList<Instrument> traded, Instrument instrument)
    {
        for (var t = 0; t < traded.Count; t++)
            if (traded[t].Id == instrument.Id) return t;
        for (var t = 0; t < traded.Count; t++)
            if (traded[t].BaseCcy == instrument.BaseCcy) return t;
        return 0;
    }

    /// <summary>The file pricing <paramref name="instrument"/>: its own, else one on its coin.</summary>
    /// <exception cref="CandleDataException">None does.</exception>
    public static int SeriesFor(IReadOnlyList<ReplaySeries> files, InstrumentCatalog catalog, Instrument instrument)
    {
        for (var k = 0; k < files.Count; k++)
            if (files[k].Instrument == instrument.Id) return k;
        for (var k = 0; k < files.Count; k++)
            if (catalog.TryGet(files[k].Instrument) is { } named && named.BaseCcy == instrument.BaseCcy) return k;
        throw new CandleDataException($"{instrument.Id} has no series: name one for it or its coin {instrument.BaseCcy} under Series");
    }
}
