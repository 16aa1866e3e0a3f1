using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Api;

/// <summary>
/// The run's performance for a trader, computed once for the API and the pages: the figures of now from the engine's read model,
/// the history (the population's equity curve, fills per day) from the store, so they read the same after a restart.
/// Periods are UTC calendar periods by the market's clock; a period's PnL is the equity at its end (or now) less the
/// equity at the end of the one before (for the first, the capital the run started with).
/// </summary>
public static class Performance
{
    /// <summary>The engine's figures at its last publication, all of one instant.</summary>
    private sealed record Now(long MarketTimeMs, decimal Equity, decimal StartCapital, decimal Realized, decimal Unrealized, decimal Fees,
        decimal Funding, decimal GrossProfit, decimal GrossLoss, int Wins, int Losses, decimal MarketPrice, CoinPrices? Prices);

    /// <summary>The summary now, or null while the engine starts.</summary>
    public static async Task<SummaryView?> SummaryAsync(EngineRuntime runtime, CancellationToken ct = default)
    {
        if (runtime.ReadModel is not { } model || runtime.History is not { } history) return null;
        var now = Figures(model);
        var curve = await history.EquityAsync(EquityMark.Population, long.MinValue, long.MaxValue, ct);
        return Summary(now, curve);
    }

    /// <summary>PnL per calendar period since the start, oldest first, or null while the engine starts.</summary>
    public static async Task<List<ProfitView>?> ProfitAsync(EngineRuntime runtime, CalendarPeriod period, CancellationToken ct = default)
    {
        if (runtime.ReadModel is not { } model || runtime.History is not { } history) return null;
        var now = Figures(model);
        var curve = await history.EquityAsync(EquityMark.Population, long.MinValue, long.MaxValue, ct);
        return Profit(period, now, curve, await history.TradesPerDayAsync(ct));
    }

    private static Now Figures(EngineReadModel m)
    {
        var b = m.Book;
        return new Now(m.NowMs, b.Equity, b.StartCapital, b.Realized, b.Unrealized, b.Fees, b.Funding, b.GrossProfit, b.GrossLoss,
            b.Wins, b.Losses, b.MarketPrice, b.Prices);
    }

    private static SummaryView Summary(Now now, List<EquityMark> curve)
    {
        var since = curve.Count > 0 ? curve[0].TimeMs : now.MarketTimeMs;
        var firstPrice = curve.FirstOrDefault(p => p.MarketPrice is > 0m).MarketPrice;
        var (basket, coins) = BasketHold(curve.FirstOrDefault(p => p.Prices is not null).Prices, now.Prices);
        return new SummaryView(
            now.Equity - now.StartCapital, Ratio(now.Equity - now.StartCapital, now.StartCapital), now.Realized, now.Unrealized, now.Fees, now.Funding,
            now.GrossLoss > 0m ? now.GrossProfit / now.GrossLoss : null,
            now.Wins + now.Losses > 0 ? (decimal)now.Wins / (now.Wins + now.Losses) : null,
            MaxDrawdown(curve.Select(p => p.Equity).Append(now.Equity)),
            firstPrice is { } first && now.MarketPrice > 0m ? now.MarketPrice / first - 1m : null,
            DateTimeOffset.FromUnixTimeMilliseconds(since),
            Period(CalendarPeriod.Day, now, curve), Period(CalendarPeriod.Week, now, curve), Period(CalendarPeriod.Month, now, curve),
            basket, coins);
    }

    /// <summary>
    /// Holding the coins traded in equal parts from <paramref name="first"/> to <paramref name="now"/>, not rebalanced: the
    /// mean of each coin's price change, over the coins priced at both moments (those it is measured on). Null, with no
    /// coins, when the curve's points predate the coins' prices (a store from before them) or nothing is priced yet.
    /// </summary>
    public static (decimal? Return, IReadOnlyList<string> Coins) BasketHold(CoinPrices? first, CoinPrices? now)
    {
        if (first is null || now is null) return (null, []);
        var changes = now.Items.Where(p => p.Value > 0m && first[p.Key] is > 0m)
            .Select(p => (Coin: p.Key, Change: p.Value / first[p.Key]!.Value - 1m)).ToList();
        return changes.Count == 0 ? (null, []) : (changes.Average(c => c.Change), [.. changes.Select(c => c.Coin)]);
    }

    private static PeriodPnl Period(CalendarPeriod period, Now now, List<EquityMark> curve)
    {
        var start = period.StartOf(now.MarketTimeMs);
        var before = curve.LastOrDefault(p => p.TimeMs < start);
        var open = before.TimeMs < start && before.Equity > 0m ? before.Equity : now.StartCapital;
        return new PeriodPnl(now.Equity - open, Ratio(now.Equity - open, open));
    }

    private static List<ProfitView> Profit(CalendarPeriod period, Now now, List<EquityMark> curve, List<(long DayStartMs, int Trades)> days)
    {
        var closes = new SortedDictionary<long, decimal>();
        foreach (var p in curve) closes[period.StartOf(p.TimeMs)] = p.Equity;
        closes[period.StartOf(now.MarketTimeMs)] = now.Equity;
        var trades = days.GroupBy(d => period.StartOf(d.DayStartMs)).ToDictionary(g => g.Key, g => g.Sum(d => d.Trades));
        var rows = new List<ProfitView>(closes.Count);
        var open = now.StartCapital;
        foreach (var (start, close) in closes)
        {
            rows.Add(new ProfitView(DateTimeOffset.FromUnixTimeMilliseconds(start), close - open, Ratio(close - open, open), trades.GetValueOrDefault(start)));
            open = close;
        }
        return rows;
    }

    private static decimal MaxDrawdown(IEnumerable<decimal> equity)
    {
        decimal peak = 0m, worst = 0m;
        foreach (var e in equity)
        {
            peak = Math.Max(peak, e);
            if (peak > 0m) worst = Math.Max(worst, (peak - e) / peak);
        }
        return worst;
    }

    private static decimal Ratio(decimal part, decimal whole) => whole != 0m ? part / whole : 0m;
}
