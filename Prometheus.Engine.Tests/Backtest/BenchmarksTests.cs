using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>
/// The benchmarks on a synthetic hourly series (no slippage, so every price is the close): figures set against a hand
/// computation written out step by step.
/// </summary>
public class BenchmarksTests
{
    private const long HourMs = 3_600_000;
    private static readonly long T0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly FundingRates Funding = FundingRates.Flat(0.0001m);

    /// <summary>72 hourly bars: 20,000 the first day, 22,000 the second, 21,000 the third.</summary>
    private static readonly Candle[] Bars = [.. Enumerable.Range(0, 72).Select(i =>
    {
        var price = i < 24 ? 20_000m : i < 48 ? 22_000m : 21_000m;
        return new Candle(T0 + i * HourMs, price, price, price, price, 1_000m);
    })];

    private static SimulatedExchangeOptions NoSlippage() =>
        new() { BaseSlippageBps = 0m, RandomSlippageBps = 0m, ImpactBpsPerBarVolume = 0m };

    [Fact]
    public void Exposure_matched_rebalances_at_each_days_first_bar_and_pays_fees_and_funding_as_computed_by_hand()
    {
        // Bar 0 is the last bar before the period; the period is bars 1..71 (their closes at 02:00 .. 72:00).
        var result = Benchmarks.ExposureMatched(Bars, from: 1, to: 72, HourMs, exposure: 0.5m, capital: 100_000m, NoSlippage(), Funding, seed: 1, swap: TestInstruments.BtcUsdtSwap);

        const decimal ct = 0.01m, fee = 0.0005m, rate = 0.0001m;
        // Start at 20,000: 0.5 × 100,000 / (20,000 × 0.01) = 250 contracts bought.
        var units = 250m;
        var cash = 100_000m - units * ct * 20_000m - units * ct * 20_000m * fee;
        var fees = units * ct * 20_000m * fee;
        var funding = 0m;
        void Settle(decimal price, int times)
        {
            var paid = units * ct * price * rate * times;
            cash -= paid;
            funding += paid;
        }
        Settle(20_000m, 3); // 08:00, 16:00, and 24:00 (the close of bar 23)
        // Day 2's first bar (opens 24:00) closes at 22,000: equity 104,960; 0.5 of it is 238.545… contracts, so 11.454…
        // are sold, rounded down to the lot (0.1): 11.4.
        Assert.Equal(104_960m, cash + units * ct * 22_000m);
        var sold = 11.4m;
        cash += sold * ct * 22_000m - sold * ct * 22_000m * fee;
        fees += sold * ct * 22_000m * fee;
        units -= sold;
        Settle(22_000m, 3);
        // Day 3 at 21,000: 0.5 × equity / 210 = 244.18… contracts against 238.6 held: 5.58… → 5.5 bought.
        var bought = 5.5m;
        Assert.Equal(5.5m, decimal.Floor((0.5m * (cash + units * ct * 21_000m) / (ct * 21_000m) - units) * 10m) / 10m);
        cash -= bought * ct * 21_000m + bought * ct * 21_000m * fee;
        fees += bought * ct * 21_000m * fee;
        units += bought;
        Settle(21_000m, 3); // 56:00, 64:00 and 72:00, the close of the last bar
        var final = cash + units * ct * 21_000m;

        Assert.Equal(26.8315m, fees);
        Assert.Equal(final, result.Equity.Last);
        Assert.Equal(final / 100_000m - 1m, result.Equity.Roi);
        Assert.Equal(fees, result.FeesPaid);
        Assert.Equal(funding, result.FundingPaid);
        Assert.Equal(3, result.Trades);
        Assert.Equal(3, result.Equity.DailyCloses.Count);
    }

    [Fact]
    public void Buy_and_hold_buys_once_at_the_start_and_pays_funding_on_its_notional()
    {
        var result = Benchmarks.BuyHold(Bars, from: 1, to: 72, HourMs, capital: 100_000m, NoSlippage(), Funding, seed: 1, swap: TestInstruments.BtcUsdtSwap);

        // 100,000 / 200 = 500 contracts, a fee of 50, then funding three times a day on 500 × 0.01 × price.
        var fundingPaid = 3 * (500m * 0.01m * 20_000m + 500m * 0.01m * 22_000m + 500m * 0.01m * 21_000m) * 0.0001m;
        var final = -50m - fundingPaid + 500m * 0.01m * 21_000m;
        var peak = -50m - 3 * 500m * 0.01m * 20_000m * 0.0001m + 500m * 0.01m * 22_000m; // the close of day 2's first bar
        Assert.Equal(50m, result.FeesPaid);
        Assert.Equal(fundingPaid, result.FundingPaid);
        Assert.Equal(final, result.Equity.Last);
        Assert.Equal(1, result.Trades);
        Assert.Equal((peak - final) / peak, result.Equity.MaxDrawdown);
    }

    [Fact]
    public void A_short_exposure_receives_funding_when_the_rate_is_positive()
    {
        var result = Benchmarks.ExposureMatched(Bars[..24], from: 1, to: 24, HourMs, exposure: -0.5m, capital: 100_000m, NoSlippage(), Funding, seed: 1, swap: TestInstruments.BtcUsdtSwap);
        // 250 contracts short over 08:00, 16:00 and 24:00 at 20,000: receives 3 × 5.
        Assert.Equal(-15m, result.FundingPaid);
        Assert.Equal(100_000m - 25m + 15m, result.Equity.Last);
    }

    [Fact]
    public void Random_timing_keeps_every_entry_its_holding_time_and_its_window()
    {
        var swap = TestInstruments.BtcUsdtSwap;
        var entries = new List<PopulationEntry>
        {
            new(swap, PositionSide.Long, 10_000m, EntryBar: 5, ExitBar: 9),
            new(swap, PositionSide.Short, 5_000m, EntryBar: 10, ExitBar: 11),
            new(TestInstruments.BtcUsdt, PositionSide.Long, 2_000m, EntryBar: 30, ExitBar: 60),
            new(swap, PositionSide.Long, 1_000m, EntryBar: 40, ExitBar: 200), // longer than the window: opened at its start
        };
        var timed = Benchmarks.RandomTimes(entries, from: 1, to: 72, new Random(3));

        Assert.Equal(entries.Count, timed.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i], timed[i].Entry);
            Assert.Equal(entries[i].ExitBar - entries[i].EntryBar, timed[i].Hold);
            Assert.InRange(timed[i].At, 1, 71);
        }
        Assert.All(timed.Take(3), t => Assert.True(t.At + t.Hold <= 72));
        Assert.Equal(1, timed[3].At);
        // Different draws move the entries: it is not the population's own timing.
        var again = Benchmarks.RandomTimes(entries, 1, 72, new Random(4));
        Assert.NotEqual(timed.Select(t => t.At), again.Select(t => t.At));

        // Three entries open and close inside the window (6 fills); the fourth opens and is still open at the end.
        var book = Benchmarks.RandomTiming(Bars, 1, 72, HourMs, entries, 100_000m, NoSlippage(), Funding, seed: 3, swap: TestInstruments.BtcUsdtSwap);
        Assert.Equal(7, book.Trades);
    }
}
