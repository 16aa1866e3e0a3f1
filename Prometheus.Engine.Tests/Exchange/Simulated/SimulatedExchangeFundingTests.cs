using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// Funding on the simulated exchange: who pays what at each funding time (amounts computed by hand), when a funding
/// time is settled and on which position, and bills in funding-time order.
/// </summary>
public sealed class SimulatedExchangeFundingTests
{
    /// <summary>2024-01-01 08:00 UTC, a funding time.</summary>
    private static readonly DateTimeOffset T = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static SimulatedExchangeKit Kit(FundingRates rates, IEnumerable<Instrument>? instruments = null) =>
        new(create: (options, clock, random) => new SimulatedExchange(options, clock, random, instruments, rates));

    /// <summary>The swap's bar at <paramref name="at"/> (the clock is put there first).</summary>
    private static void SwapBar(SimulatedExchangeKit kit, DateTimeOffset at, decimal close, decimal? low = null, decimal? high = null)
    {
        kit.Clock.SetUtcNow(at);
        kit.Exchange.OnBar(Swap, Bar(close, volume: 1_000m, low: low, high: high));
    }

    private static IReadOnlyList<FundingBill> Bills(SimulatedExchangeKit kit, long? sinceMs = null) =>
        kit.Exchange.GetFundingBillsAsync(sinceMs: sinceMs).Done();

    /// <summary>A long of 1 held over T: bill 1.</summary>
    private static SimulatedExchangeKit OneBillAtT()
    {
        var kit = Kit(FundingRates.Flat(0.0001m));
        SwapBar(kit, T.AddMinutes(-15), 40_000m);
        kit.Market(Swap, "l1", OrderSide.Buy, 1m, PositionSide.Long);
        SwapBar(kit, T, 40_000m);
        return kit;
    }

    /// <summary>A long of 10 contracts and a short of 4 opened half an hour before T; the bar that reaches T closes at 41,000.</summary>
    [Theory]
    [InlineData(0.0001, -0.41, 0.164)]      // positive rate: 4,100 × 0.0001 paid by the long; 1,640 × 0.0001 received by the short
    [InlineData(-0.0003, 1.23, -0.492)]     // negative rate: the long receives 4,100 × 0.0003; the short pays 1,640 × 0.0003
    public void A_long_pays_a_positive_rate_and_a_short_receives_it_and_the_reverse_for_a_negative_rate(
        double rateValue, double longChange, double shortChange)
    {
        var rate = (decimal)rateValue;
        var kit = Kit(FundingRates.Flat(rate));
        SwapBar(kit, T.AddMinutes(-30), 40_000m);
        Assert.True(kit.Market(Swap, "l1", OrderSide.Buy, 10m, PositionSide.Long).Accepted);
        Assert.True(kit.Market(Swap, "s1", OrderSide.Sell, 4m, PositionSide.Short).Accepted);
        var before = kit.Balance("USDT").Total;

        SwapBar(kit, T, 41_000m);

        var bills = Bills(kit);
        Assert.Equal(
        [
            new FundingBill("1", Swap, PositionSide.Long, Ms(T), 10m, 41_000m, rate, (decimal)longChange, "USDT", before + (decimal)longChange),
            new FundingBill("2", Swap, PositionSide.Short, Ms(T), 4m, 41_000m, rate, (decimal)shortChange, "USDT", before + (decimal)longChange + (decimal)shortChange),
        ], bills);
        Assert.Equal(before + (decimal)longChange + (decimal)shortChange, kit.Balance("USDT").Total);
        Assert.DoesNotContain(kit.DrainFills(), f => f.TimestampMs == Ms(T));   // a funding bill is not a fill
        Assert.Equal(10m, kit.Position(PositionSide.Long)!.Size);            // nor does it move a position
    }

    [Fact]
    public void Nothing_is_settled_for_funding_times_before_the_first_bar_and_the_first_one_after_it_is_settled()
    {
        var kit = Kit(FundingRates.Flat(0.0001m));
        kit.Clock.SetUtcNow(T.AddHours(-8));                                  // the exchange exists from 00:00 ...
        SwapBar(kit, T.AddHours(8).AddMinutes(30), 40_000m);                  // ... but first sees the swap at 16:30
        Assert.Empty(Bills(kit));                                             // 08:00 and 16:00 came before its first bar
        kit.Market(Swap, "l1", OrderSide.Buy, 1m, PositionSide.Long);

        SwapBar(kit, T.AddHours(15).AddMinutes(45), 40_000m);
        Assert.Empty(Bills(kit));
        SwapBar(kit, T.AddHours(16), 40_000m);                                // 00:00 the next day

        var bill = Assert.Single(Bills(kit));
        Assert.Equal((Ms(T.AddHours(16)), -0.04m), (bill.FundingTimeMs, bill.BalanceChange));   // 1 × 0.01 × 40,000 × 0.0001
    }

    [Fact]
    public void A_bar_that_skips_several_funding_times_settles_each_once_at_its_own_rate()
    {
        var recorded = new Dictionary<string, IReadOnlyDictionary<long, decimal>>
        {
            [Swap] = new Dictionary<long, decimal> { [Ms(T.AddHours(8))] = 0.0005m, [Ms(T.AddHours(24))] = -0.0002m },
        };
        var kit = Kit(new FundingRates(0.0001m, recorded));
        SwapBar(kit, T.AddHours(-1), 50_000m);
        kit.Market(Swap, "l1", OrderSide.Buy, 2m, PositionSide.Long);

        SwapBar(kit, T.AddHours(50), 50_000m);                                // two days and two hours later: 08:00 .. 08:00 + 48 h
        SwapBar(kit, T.AddHours(50).AddMinutes(15), 50_000m);                 // the next bar settles nothing again

        var bills = Bills(kit);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => Ms(T.AddHours(8 * i))), bills.Select(b => b.FundingTimeMs));
        Assert.Equal([0.0001m, 0.0005m, 0.0001m, -0.0002m, 0.0001m, 0.0001m, 0.0001m], bills.Select(b => b.Rate));
        Assert.All(bills, b => Assert.Equal((PositionSide.Long, 2m, 50_000m), (b.PosSide, b.PositionSize, b.MarkPrice)));
        Assert.Equal(-1_000m * (0.0001m + 0.0005m + 0.0001m - 0.0002m + 0.0001m + 0.0001m + 0.0001m), bills.Sum(b => b.BalanceChange));   // notional 1,000
    }

    [Fact]
    public void A_position_opened_after_a_funding_time_pays_nothing_for_it_and_one_closed_after_it_pays_in_full()
    {
        var kit = Kit(FundingRates.Flat(0.0001m));
        SwapBar(kit, T.AddMinutes(-15), 40_000m);
        kit.Market(Swap, "s1", OrderSide.Sell, 5m, PositionSide.Short);      // held over T, closed after it before any bar
        Assert.True(kit.Limit(Swap, "l1", OrderSide.Buy, 3m, 39_900m, PositionSide.Long).Accepted);   // rests

        kit.Clock.SetUtcNow(T.AddMinutes(2));                                 // T has passed; the bar that reaches it is late
        kit.Market(Swap, "l2", OrderSide.Buy, 2m, PositionSide.Long);        // opened after T
        kit.Market(Swap, "s2", OrderSide.Buy, 5m, PositionSide.Short);       // the short closed after T
        SwapBar(kit, T.AddMinutes(15), 40_000m, low: 39_800m);               // fills l1 at 08:15, after T

        var bill = Assert.Single(Bills(kit));
        Assert.Equal((PositionSide.Short, 5m, Ms(T), 0.2m), (bill.PosSide, bill.PositionSize, bill.FundingTimeMs, bill.BalanceChange));
        Assert.Equal(40_000m, bill.MarkPrice);                                // the last close known at T
        Assert.Equal(5m, kit.Position(PositionSide.Long)!.Size);

        SwapBar(kit, T.AddHours(8), 40_000m);                                 // the long of 5 pays the next one
        Assert.Equal((PositionSide.Long, 5m, -0.2m), (Bills(kit)[^1].PosSide, Bills(kit)[^1].PositionSize, Bills(kit)[^1].BalanceChange));
    }

    [Fact]
    public void A_resting_order_filled_by_the_bar_that_reaches_a_funding_time_is_after_it_as_its_fill_time_says()
    {
        var kit = Kit(FundingRates.Flat(0.0001m));
        SwapBar(kit, T.AddMinutes(-15), 40_000m);
        kit.Limit(Swap, "l1", OrderSide.Buy, 3m, 39_900m, PositionSide.Long);

        SwapBar(kit, T, 40_000m, low: 39_800m);

        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal(Ms(T), fill.TimestampMs);   // stamped at T: the ledgers count it after T, and so does funding
        Assert.Empty(Bills(kit));
    }

    [Fact]
    public void A_position_liquidated_by_the_bar_that_reaches_a_funding_time_still_pays_for_it()
    {
        var kit = Kit(FundingRates.Flat(0.0001m));
        SwapBar(kit, T.AddMinutes(-15), 40_000m);
        kit.Market(Swap, "l1", OrderSide.Buy, 1m, PositionSide.Long);       // leverage 3: liquidated near 27,000

        SwapBar(kit, T, 30_000m, low: 20_000m);

        Assert.Equal((PositionSide.Long, 1m, 30_000m, -0.03m), (Bills(kit)[0].PosSide, Bills(kit)[0].PositionSize, Bills(kit)[0].MarkPrice, Bills(kit)[0].BalanceChange));
        Assert.True(Assert.Single(kit.DrainFills(), f => f.IsLiquidation).TimestampMs == Ms(T));
    }

    [Fact]
    public void Bills_of_two_swaps_are_listed_by_funding_time_whatever_order_they_were_settled_in()
    {
        var eth = TestInstruments.BtcUsdtSwap with { InstId = "ETH-USDT-SWAP", BaseCcy = "ETH", ContractValue = 0.1m };
        var kit = Kit(FundingRates.Flat(0.0001m), [TestInstruments.BtcUsdtSwap, eth]);
        kit.Clock.SetUtcNow(T.AddMinutes(-15));
        kit.Exchange.OnBar(Swap, Bar(40_000m, volume: 1_000m));
        kit.Exchange.OnBar(eth.InstId, Bar(2_000m, volume: 1_000m));
        kit.Market(Swap, "b1", OrderSide.Buy, 1m, PositionSide.Long);
        kit.Market(eth.InstId, "e1", OrderSide.Buy, 1m, PositionSide.Long);

        kit.Clock.SetUtcNow(T.AddHours(8));
        kit.Exchange.OnBar(Swap, Bar(40_000m, volume: 1_000m));               // BTC settles T and T + 8 h: bills 1, 2
        kit.Exchange.OnBar(eth.InstId, Bar(2_000m, volume: 1_000m));          // then ETH: bills 3, 4

        Assert.Equal(["1", "3", "2", "4"], Bills(kit).Select(b => b.BillId));
        Assert.Equal(["2", "4"], Bills(kit, sinceMs: Ms(T.AddHours(8))).Select(b => b.BillId));
        Assert.Equal(["4"], kit.Exchange.GetFundingBillsAsync(eth.InstId, Ms(T.AddHours(1))).Done().Select(b => b.BillId));
    }

    [Fact]
    public void An_exchange_without_funding_rates_settles_nothing()
    {
        var kit = new SimulatedExchangeKit();
        SwapBar(kit, T.AddMinutes(-15), 40_000m);
        kit.Market(Swap, "l1", OrderSide.Buy, 1m, PositionSide.Long);
        var before = kit.Balance("USDT").Total;

        SwapBar(kit, T.AddHours(24), 40_000m);

        Assert.Empty(Bills(kit));
        Assert.Equal(before, kit.Balance("USDT").Total);
    }

    [Fact]
    public void Capture_and_restore_keep_the_bills_the_bill_counter_and_the_next_funding_time()
    {
        var kit = OneBillAtT();
        var state = kit.Exchange.Capture();
        Assert.Equal(1L, state.LastBillId);
        Assert.Equal([new SimulatedFundingState(Swap, Ms(T.AddHours(8)))], state.Funding);

        var restored = SimulatedExchange.Restore(state, kit.Options, kit.Clock, new Random(1), funding: FundingRates.Flat(0.0001m));
        Assert.Equal(state, restored.Capture());
        restored.OnBar(Swap, Bar(40_000m));                                   // the bar at T again: settled already
        kit.Clock.SetUtcNow(T.AddHours(8));
        restored.OnBar(Swap, Bar(40_000m));

        Assert.Equal([("1", Ms(T)), ("2", Ms(T.AddHours(8)))], restored.GetFundingBillsAsync().Done().Select(b => (b.BillId, b.FundingTimeMs)));
    }

    [Fact]
    public void Restore_refuses_inconsistent_funding()
    {
        var kit = OneBillAtT();
        var state = kit.Exchange.Capture();
        var bill = state.FundingBills[0];

        SimulatedExchange Restored(SimulatedExchangeState s) => SimulatedExchange.Restore(s, kit.Options, kit.Clock, new Random(1));
        Assert.Throws<ArgumentException>(() => Restored(state with { LastBillId = 0 }));                          // a bill beyond the counter
        Assert.Throws<ArgumentException>(() => Restored(state with { FundingBills = [bill, bill] }));              // listed twice
        Assert.Throws<ArgumentException>(() => Restored(state with { FundingBills = [bill with { InstId = Spot }] }));   // not a swap
        Assert.Throws<ArgumentException>(() => Restored(state with { Funding = [new SimulatedFundingState(Swap, Ms(T) + 1)] }));   // not a funding time
        Assert.Throws<ArgumentException>(() => Restored(state with { Funding = [.. state.Funding, .. state.Funding] }));
    }
}
