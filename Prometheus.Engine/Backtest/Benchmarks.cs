using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Backtest;

/// <summary>An entry of the population moved by random timing: opened at the close of bar <see cref="At"/>, held <see cref="Hold"/> bars.</summary>
internal readonly record struct TimedEntry(PopulationEntry Entry, int At, int Hold);

/// <summary>One leg of a benchmark basket: the swap it holds and the bars that price it.</summary>
internal sealed record BasketLeg(Instrument Swap, IReadOnlyList<Candle> Bars);

/// <summary>A benchmark's or null model's run over the population's bars: its curve and what it paid.</summary>
internal sealed record BookResult(EquityCurve Equity, decimal FeesPaid, decimal FundingPaid, int Trades);

/// <summary>
/// What the population is measured against, each over exactly the population's bars [from, to), starting at the close of
/// bar from − 1 with the population's capital, on a <see cref="PaperBook"/> that pays the same fees, slippage and funding:
/// <list type="bullet">
/// <item>buy-and-hold: all of it long the swap at 1x from the start, never traded again;</item>
/// <item>exposure-matched: a constant fraction e of equity in the swap, rebalanced at the first bar of each UTC day;</item>
/// <item>random timing: the population's own entries (instrument, side, notional, holding time), each moved to a random bar.</item>
/// </list>
/// Cash (0%) needs no run: it stays where it started. The swap is the engine's traded swap (priced by the same bars).
/// </summary>
internal static class Benchmarks
{
    public static BookResult BuyHold(IReadOnlyList<Candle> bars, int from, int to, long intervalMs, decimal capital,
        SimulatedExchangeOptions options, FundingRates funding, int seed, Instrument swap) =>
        ExposureMatched(bars, from, to, intervalMs, 1m, capital, options, funding, seed, swap, rebalanceDaily: false);

    public static BookResult ExposureMatched(IReadOnlyList<Candle> bars, int from, int to, long intervalMs, decimal exposure, decimal capital,
        SimulatedExchangeOptions options, FundingRates funding, int seed, Instrument swap, bool rebalanceDaily = true) =>
        Basket([new BasketLeg(swap, bars)], from, to, intervalMs, exposure, capital, options, funding, seed, rebalanceDaily);

    /// <summary>
    /// An equal-weight basket: each leg holds <paramref name="exposure"/> × its share of equity in its swap, priced by its
    /// own bars (aligned to the others'), from an equal share of <paramref name="capital"/>; rebalanced at the first bar of
    /// each UTC day unless <paramref name="rebalanceDaily"/> is false (buy-and-hold). One leg is the one-instrument
    /// benchmark. The curve is the legs' summed equity.
    /// </summary>
    public static BookResult Basket(IReadOnlyList<BasketLeg> legs, int from, int to, long intervalMs, decimal exposure, decimal capital,
        SimulatedExchangeOptions options, FundingRates funding, int seed, bool rebalanceDaily)
    {
        const long dayMs = 86_400_000;
        var books = new PaperBook[legs.Count];
        var share = capital / legs.Count;
        for (var l = 0; l < legs.Count; l++)
        {
            books[l] = Start(legs[l].Bars, from, intervalMs, share, options, funding, seed + l, legs[l].Swap);
            books[l].RebalanceSwap(exposure);
        }
        var curve = new EquityCurve(capital); // from the capital, so the entry's fee counts as the benchmark's cost
        var timeline = legs[0].Bars;
        for (var i = from; i < to; i++)
        {
            var closeMs = timeline[i].TimestampMs + intervalMs;
            // The first bar of a UTC day is the one that opens at or after its midnight.
            var newDay = rebalanceDaily && i > from && timeline[i].TimestampMs / dayMs != timeline[i - 1].TimestampMs / dayMs;
            var equity = 0m;
            for (var l = 0; l < books.Length; l++)
            {
                books[l].OnBar(legs[l].Bars[i], closeMs);
                if (newDay) books[l].RebalanceSwap(exposure);
                equity += books[l].Equity;
            }
            curve.Observe(closeMs, equity);
        }
        return new BookResult(curve, books.Sum(b => b.FeesPaid), books.Sum(b => b.FundingPaid), books.Sum(b => b.Fills));
    }

    /// <summary>
    /// The random-timing null: as many entries as the population made, each with its instrument, side, notional and
    /// holding time (in bars), opened at a bar drawn uniformly where its holding fits in [from, to) (at <paramref name="from"/>
    /// when it cannot fit) and closed that many bars later; one still open at the end is marked, as the population's are.
    /// </summary>
    public static BookResult RandomTiming(IReadOnlyList<Candle> bars, int from, int to, long intervalMs, IReadOnlyList<PopulationEntry> entries,
        decimal capital, SimulatedExchangeOptions options, FundingRates funding, int seed, Instrument swap) =>
        RandomTiming([new BasketLeg(swap, bars)], from, to, intervalMs, entries, capital, options, funding, seed);

    /// <summary>
    /// Random timing over several instruments: the entries' times drawn as for one, each entry then traded on the book of
    /// its coin's leg (priced by that leg's bars; a book per leg, the capital shared equally, their equity summed).
    /// Accounting is linear, so this is the one book holding every entry.
    /// </summary>
    public static BookResult RandomTiming(IReadOnlyList<BasketLeg> legs, int from, int to, long intervalMs, IReadOnlyList<PopulationEntry> entries,
        decimal capital, SimulatedExchangeOptions options, FundingRates funding, int seed)
    {
        var opens = new List<(PopulationEntry Entry, int Hold)>?[to - from];
        foreach (var timed in RandomTimes(entries, from, to, new Random(seed)))
            (opens[timed.At - from] ??= []).Add((timed.Entry, timed.Hold));
        var books = new PaperBook[legs.Count];
        for (var l = 0; l < legs.Count; l++)
            books[l] = Start(legs[l].Bars, from, intervalMs, capital / legs.Count, options, funding, (seed ^ 0x7A11) + l, legs[l].Swap);
        int LegOf(Instrument instrument)
        {
            for (var l = 0; l < legs.Count; l++)
                if (legs[l].Swap.BaseCcy == instrument.BaseCcy) return l;
            return 0;
        }
        var closes = new Dictionary<int, List<(Instrument Instrument, decimal Units)>>();
        var curve = new EquityCurve(books.Sum(b => b.Equity));
        var timeline = legs[0].Bars;
        for (var i = from; i < to; i++)
        {
            var closeMs = timeline[i].TimestampMs + intervalMs;
            for (var l = 0; l < books.Length; l++) books[l].OnBar(legs[l].Bars[i], closeMs);
            if (closes.Remove(i, out var due))
                foreach (var (instrument, units) in due)
                    books[LegOf(instrument)].Trade(instrument, -units);
            if (opens[i - from] is { } starting)
                foreach (var (entry, hold) in starting)
                {
                    var book = books[LegOf(entry.Instrument)];
                    if (book.Mark <= 0m) continue;
                    var units = entry.Notional / (book.Mark * entry.Instrument.ContractValue);
                    var traded = book.Trade(entry.Instrument, entry.Side == PositionSide.Long ? units : -units);
                    if (traded != 0m && i + hold < to)
                        (closes.TryGetValue(i + hold, out var list) ? list : closes[i + hold] = []).Add((entry.Instrument, traded));
                }
            curve.Observe(closeMs, books.Sum(b => b.Equity));
        }
        return new BookResult(curve, books.Sum(b => b.FeesPaid), books.Sum(b => b.FundingPaid), books.Sum(b => b.Fills));
    }

    /// <summary>
    /// Where random timing puts each entry: a bar drawn uniformly among those from which its holding (in bars, at least
    /// one) ends inside [from, to), or <paramref name="from"/> when it cannot fit; the holding is kept as it was.
    /// </summary>
    public static IReadOnlyList<TimedEntry> RandomTimes(IReadOnlyList<PopulationEntry> entries, int from, int to, Random random)
    {
        var timed = new List<TimedEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var hold = Math.Max(1, entry.ExitBar - entry.EntryBar);
            var latest = to - hold;
            var at = latest > from ? from + random.Next(latest - from + 1) : from;
            timed.Add(new TimedEntry(entry, at, hold));
        }
        return timed;
    }

    private static PaperBook Start(IReadOnlyList<Candle> bars, int from, long intervalMs, decimal capital, SimulatedExchangeOptions options,
        FundingRates funding, int seed, Instrument swap)
    {
        var book = new PaperBook(capital, options, funding, new Random(seed), swap);
        var before = bars[Math.Max(0, from - 1)];
        book.OnBar(before, before.TimestampMs + intervalMs);
        return book;
    }
}
