using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// The prices a backtest runs on: the <see cref="Timeline"/> of bar times (also the one series when there is one),
/// each traded instrument's bars aligned to it (<see cref="BarsByTraded"/>, null when one series prices them all),
/// one series per underlying for the indicators' warm-up, and the benchmark basket's legs (a swap per underlying).
/// </summary>
internal sealed record BacktestMarket(
    IReadOnlyList<Candle> Timeline,
    IReadOnlyList<IReadOnlyList<Candle>>? BarsByTraded,
    IReadOnlyList<IReadOnlyList<Candle>> Underlyings,
    IReadOnlyList<BasketLeg> Legs)
{
    /// <summary>One file prices every traded instrument (they share one coin); the benchmarks hold the primary swap.</summary>
    public static BacktestMarket OneSeries(IReadOnlyList<Candle> bars, EngineOptions options) =>
        new(bars, null, [bars], [new BasketLeg(options.PrimarySwap, bars)]);

    /// <summary>
    /// A file per traded instrument, aligned by bar time over their common span (and the --from/--to days): a bar one
    /// series lacks is an empty bar there (nothing trades on it, positions keep their last price). A file of mark prices
    /// (no volume) is read as real bars of unknown volume.
    /// </summary>
    /// <exception cref="CandleDataException">A file is missing or malformed, or the series cannot be aligned (the message names it).</exception>
    public static BacktestMarket Aligned(IReadOnlyList<InstrumentSeriesFile> files, DateOnly? from, DateOnly? to, EngineOptions options)
    {
        var series = files.Select(f => CandleSeries.Load(f.InstrumentId, f.Path, f.RecordsNoVolume, f.Bar)).ToList();
        var (fromMs, toMs) = BacktestRunner.DayWindow(from, to);
        var aligned = new AlignedSeries(series, fromMs, toMs);

        return FromColumns(aligned.Instruments, aligned.ToColumns(), options);
    }

    /// <summary>
    /// The market of aligned columns (one per instrument id in <paramref name="ids"/>, all of one length and one set of
    /// times): each traded instrument's bars, one series per underlying, and the basket's legs.
    /// </summary>
    /// <exception cref="BacktestInputException">A traded instrument has no column, or the catalog has no swap on a traded coin.</exception>
    public static BacktestMarket FromColumns(IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<Candle>> columns, EngineOptions options)
    {
        var traded = options.Traded;
        var byTraded = traded.Select(i => ids.ToList().IndexOf(i.Id) is var k and >= 0 ? columns[k]
            : throw new BacktestInputException($"{i.Id} is traded but no series was given for it")).ToList();
        var underlyings = new List<IReadOnlyList<Candle>>();
        var legs = new List<BasketLeg>();
        foreach (var coin in traded.Select(i => i.BaseCcy).Distinct())
        {
            var bars = byTraded[traded.ToList().FindIndex(i => i.BaseCcy == coin)];
            underlyings.Add(bars);
            var swap = traded.FirstOrDefault(i => i.BaseCcy == coin && i.Kind == InstrumentKind.Swap)
                ?? options.Instruments.FirstOrDefault(i => i.BaseCcy == coin && i.Kind == InstrumentKind.Swap)
                ?? throw new BacktestInputException($"No swap on {coin} is in the instrument catalog: the benchmarks hold one per coin traded (add one under Prometheus:Instruments).");
            legs.Add(new BasketLeg(swap, bars));
        }
        return new BacktestMarket(byTraded[0], byTraded, underlyings, legs);
    }
}
