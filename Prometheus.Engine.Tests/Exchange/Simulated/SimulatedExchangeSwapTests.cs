using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SimulatedExchangeSwapTests
{
    [Fact]
    public void Long_round_trip_locks_margin_then_returns_it_with_pnl_less_both_taker_fees()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));

        Assert.True(kit.Market(Swap, "open1", OrderSide.Buy, 10m, PositionSide.Long).Accepted);

        // 10 contracts = 0.1 BTC: bps = 1 + 100 × 0.1 / 100 = 1.1 → 50,005.5; notional 5,000.55
        var open = Assert.Single(kit.DrainFills());
        Assert.Equal((OrderSide.Buy, PositionSide.Long, 10m, 50_005.5m, 2.500275m), (open.Side, open.PosSide, open.Size, open.Price, open.Fee));
        Assert.Equal(
            new ExchangePosition(Swap, PositionSide.Long, 10m, 50_005.5m, 3m, 33_537.0m, 1_666.85m, -0.55m),
            kit.Position(PositionSide.Long));
        Assert.Equal(98_330.649725m, kit.Balance("USDT").Total);   // 100,000 − 1,666.85 margin − 2.500275 fee
        Assert.Equal(99_996.949725m, kit.Exchange.TotalEquityUsdt());

        kit.Feed(Bar(51_000m));
        Assert.True(kit.Market(Swap, "close1", OrderSide.Sell, 10m, PositionSide.Long).Accepted);

        var close = Assert.Single(kit.DrainFills());
        Assert.Equal((OrderSide.Sell, PositionSide.Long, 10m, 50_994.4m, 2.54972m), (close.Side, close.PosSide, close.Size, close.Price, close.Fee));
        Assert.Null(kit.Position(PositionSide.Long));
        // PnL (50,994.4 − 50,005.5) × 10 × 0.01 = 98.89
        Assert.Equal(100_000m + 98.89m - 2.500275m - 2.54972m, kit.Balance("USDT").Total);
        Assert.Equal(100_093.840005m, kit.Exchange.TotalEquityUsdt());
    }

    [Fact]
    public void Short_round_trip_earns_entry_minus_exit_less_both_taker_fees()
    {
        var kit = new SimulatedExchangeKit();
        Assert.True(kit.Exchange.SetLeverageAsync(Swap, PositionSide.Short, 5m).Done().Accepted);
        kit.Feed(Bar(50_000m));

        kit.Market(Swap, "open1", OrderSide.Sell, 10m, PositionSide.Short);

        var open = Assert.Single(kit.DrainFills());
        Assert.Equal((49_994.5m, 2.499725m), (open.Price, open.Fee));
        Assert.Equal(
            new ExchangePosition(Swap, PositionSide.Short, 10m, 49_994.5m, 5m, 59_793.4m, 999.89m, -0.55m),
            kit.Position(PositionSide.Short));
        Assert.Equal(98_997.610275m, kit.Balance("USDT").Total);

        kit.Feed(Bar(48_000m));
        kit.Market(Swap, "close1", OrderSide.Buy, 10m, PositionSide.Short);

        var close = Assert.Single(kit.DrainFills());
        Assert.Equal((OrderSide.Buy, PositionSide.Short, 48_005.3m, 2.400265m), (close.Side, close.PosSide, close.Price, close.Fee));
        Assert.Null(kit.Position(PositionSide.Short));
        // PnL (49,994.5 − 48,005.3) × 10 × 0.01 = 198.92
        Assert.Equal(100_000m + 198.92m - 2.499725m - 2.400265m, kit.Balance("USDT").Total);
        Assert.Equal(100_194.02001m, kit.Exchange.TotalEquityUsdt());
    }

    [Fact]
    public void Positions_and_balances_after_a_sequence_of_adds_partial_close_spot_buy_and_full_close()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "a1", OrderSide.Buy, 10m, PositionSide.Long);        // 50,005.5
        kit.Feed(Bar(52_000m));
        kit.Market(Swap, "a2", OrderSide.Buy, 10m, PositionSide.Long);        // 52,005.7
        kit.Market(Spot, "s1", OrderSide.Buy, 0.1m);                          // 52,005.7, fee 5.20057

        var added = kit.Position(PositionSide.Long)!;
        Assert.Equal((20m, 51_005.6m, 3_400.373333333333m), (added.Size, added.AveragePrice, added.Margin));

        kit.Market(Swap, "c1", OrderSide.Sell, 5m, PositionSide.Long);        // 51,994.5, PnL 49.445

        var reduced = kit.Position(PositionSide.Long)!;
        Assert.Equal(
            new ExchangePosition(Swap, PositionSide.Long, 15m, 51_005.6m, 3m, 34_207.8m, 2_550.28m, 149.16m),
            reduced);
        Assert.Equal(92_286.9940075m, kit.Balance("USDT").Total);
        Assert.Equal(0.1m, kit.Balance("BTC").Total);
        Assert.Equal(92_286.9940075m + 5_200m + 2_550.28m + 149.16m, kit.Exchange.TotalEquityUsdt());
        Assert.Empty(kit.Exchange.GetPositionsAsync(Spot).Done());

        kit.Feed(Bar(53_000m));
        kit.Market(Swap, "c2", OrderSide.Sell, 15m, PositionSide.Long);       // 52,993.9, PnL 298.245

        Assert.Empty(kit.Exchange.GetPositionsAsync().Done());
        // Conservation: every margin came back; only PnL, fees and the spot purchase moved the cash.
        var fees = 2.500275m + 2.600285m + 1.2998625m + 3.9745425m;
        Assert.Equal(100_000m - 5_200.57m - 5.20057m + 49.445m + 298.245m - fees, kit.Balance("USDT").Total);
        Assert.Equal(95_131.544465m, kit.Balance("USDT").Total);
        Assert.Equal(5, kit.DrainFills().Count);
    }

    [Fact]
    public void Limit_open_freezes_margin_and_fee_then_books_margin_and_maker_fee_on_fill()
    {
        var kit = new SimulatedExchangeKit(o => o.DefaultLeverage = 5m);
        kit.Feed(Bar(50_000m));

        kit.Limit(Swap, "l1", OrderSide.Buy, 10m, 49_000m, PositionSide.Long);
        Assert.Equal(980m + 2.45m, kit.Balance("USDT").Frozen);   // 4,900 / 5 + taker fee on 4,900

        kit.Feed(Bar(49_500m, low: 48_900m));
        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal((10m, 49_000m, 0.98m), (fill.Size, fill.Price, fill.Fee));   // maker 0.02%
        Assert.Equal(new ExchangeBalance("USDT", 100_000m - 980m - 0.98m, 100_000m - 980m - 0.98m, 0m), kit.Balance("USDT"));
        Assert.Equal(980m, kit.Position(PositionSide.Long)!.Margin);
    }

    [Fact]
    public void Limit_close_reserves_contracts_and_realises_pnl_at_its_price()
    {
        var kit = new SimulatedExchangeKit(o => o.DefaultLeverage = 5m);
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "o1", OrderSide.Buy, 10m, PositionSide.Long);   // 50,005.5, margin 1,000.11
        kit.DrainFills();

        kit.Limit(Swap, "c1", OrderSide.Sell, 10m, 51_000m, PositionSide.Long);
        Assert.Equal("51112", kit.Market(Swap, "c2", OrderSide.Sell, 0.1m, PositionSide.Long).Code);

        kit.Feed(Bar(50_800m, high: 51_000m));
        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal((51_000m, 1.02m), (fill.Price, fill.Fee));
        Assert.Null(kit.Position(PositionSide.Long));
        // PnL (51,000 − 50,005.5) × 0.1 = 99.45
        Assert.Equal(100_000m - 2.500275m + 99.45m - 1.02m, kit.Balance("USDT").Total);
    }

    [Fact]
    public void Raising_leverage_on_an_open_position_releases_margin_and_moves_the_liquidation_price()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "o1", OrderSide.Buy, 10m, PositionSide.Long);   // margin 1,666.85 at 3x
        var before = kit.Balance("USDT").Total;

        Assert.True(kit.Exchange.SetLeverageAsync(Swap, PositionSide.Long, 10m).Done().Accepted);

        var position = kit.Position(PositionSide.Long)!;
        Assert.Equal((10m, 500.055m), (position.Leverage, position.Margin));
        Assert.Equal(45_205.0m, position.LiquidationPrice);   // 50,005.5 × (1 − 0.1 + 0.004) = 45,204.972 → tick
        Assert.Equal(before + 1_666.85m - 500.055m, kit.Balance("USDT").Total);
    }
}
