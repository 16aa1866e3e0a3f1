using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SimulatedExchangeLiquidationTests
{
    [Fact]
    public void Long_at_100x_is_liquidated_at_its_liquidation_price_when_a_bar_low_reaches_it()
    {
        var kit = new SimulatedExchangeKit();
        kit.Exchange.SetLeverageAsync(Swap, PositionSide.Long, 100m).Done();
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "o1", OrderSide.Buy, 10m, PositionSide.Long);   // 50,005.5, margin 50.0055, fee 2.500275
        kit.Limit(Swap, "tp1", OrderSide.Sell, 10m, 60_000m, PositionSide.Long);
        kit.DrainFills();
        // 50,005.5 × (1 − 0.01 + 0.004) = 49,705.467 → 49,705.5
        Assert.Equal(49_705.5m, kit.Position(PositionSide.Long)!.LiquidationPrice);

        kit.Feed(Bar(49_800m, low: 49_706m));
        Assert.Empty(kit.DrainFills());

        kit.Feed(Bar(49_800m, low: 49_700m));

        var fill = Assert.Single(kit.DrainFills());
        Assert.True(fill.IsLiquidation);
        Assert.Equal("", fill.ClOrdId);
        Assert.Equal((OrderSide.Sell, PositionSide.Long, 10m, 49_705.5m, 2.485275m), (fill.Side, fill.PosSide, fill.Size, fill.Price, fill.Fee));
        Assert.Null(kit.Position(PositionSide.Long));
        // Back: margin 50.0055 + PnL −30 − fee 2.485275 = 17.520225
        Assert.Equal(100_000m - 50.0055m - 2.500275m + 17.520225m, kit.Balance("USDT").Total);
        Assert.Equal(OrderState.Canceled, kit.Order(Swap, "tp1").State);
        Assert.Empty(kit.Exchange.GetPendingOrdersAsync().Done());
        var liquidationOrder = kit.Exchange.GetOrderAsync(Swap, fill.OrdId, null).Done()!;
        Assert.Equal((OrderState.Filled, ""), (liquidationOrder.State, liquidationOrder.ClOrdId));
    }

    [Fact]
    public void Short_at_100x_is_liquidated_when_a_bar_high_reaches_its_liquidation_price()
    {
        var kit = new SimulatedExchangeKit();
        kit.Exchange.SetLeverageAsync(Swap, PositionSide.Short, 100m).Done();
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "o1", OrderSide.Sell, 10m, PositionSide.Short);   // 49,994.5, margin 49.9945, fee 2.499725
        kit.DrainFills();
        // 49,994.5 × (1 + 0.01 − 0.004) = 50,294.467 → 50,294.5
        Assert.Equal(50_294.5m, kit.Position(PositionSide.Short)!.LiquidationPrice);

        kit.Feed(Bar(50_200m, high: 50_300m));

        var fill = Assert.Single(kit.DrainFills());
        Assert.True(fill.IsLiquidation);
        Assert.Equal("", fill.ClOrdId);
        Assert.Equal((OrderSide.Buy, PositionSide.Short, 10m, 50_294.5m, 2.514725m), (fill.Side, fill.PosSide, fill.Size, fill.Price, fill.Fee));
        Assert.Null(kit.Position(PositionSide.Short));
        Assert.Equal(99_964.98555m, kit.Balance("USDT").Total);   // + 49.9945 − 30 − 2.514725 back
    }

    [Fact]
    public void Liquidation_never_returns_less_than_nothing()
    {
        // Without a maintenance margin the liquidation price is the bankruptcy price: the margin is all lost.
        var swap = TestInstruments.BtcUsdtSwap with { MaintenanceMarginRate = 0m };
        var options = new SimulatedExchangeOptions { RandomSlippageBps = 0m, BaseSlippageBps = 0m, ImpactBpsPerBarVolume = 0m };
        var exchange = new SimulatedExchange(options, new ManualTimeProvider(), new Random(1), [swap]);
        exchange.SetLeverageAsync(Swap, PositionSide.Long, 100m).Done();
        exchange.OnBar(Swap, Bar(50_000m));
        exchange.PlaceOrderAsync(new OrderRequest(Swap, "o1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 10m)).Done();
        var afterOpen = exchange.GetBalancesAsync().Done().Single().Total;   // 100,000 − 50 margin − 2.5 fee

        exchange.OnBar(Swap, Bar(49_000m, low: 49_000m));

        Assert.Equal(99_947.5m, afterOpen);
        Assert.Equal(afterOpen, exchange.GetBalancesAsync().Done().Single().Total);
        Assert.Empty(exchange.GetPositionsAsync().Done());
    }

    [Fact]
    public void Liquidate_outside_event_closes_at_the_liquidation_price_with_an_empty_clOrdId()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "o1", OrderSide.Buy, 10m, PositionSide.Long);
        kit.DrainFills();

        var fills = kit.Exchange.Liquidate(Swap, PositionSide.Long);

        var fill = Assert.Single(fills);
        Assert.Equal(fill, Assert.Single(kit.DrainFills()));
        Assert.Equal((true, "", 33_537.0m), (fill.IsLiquidation, fill.ClOrdId, fill.Price));
        Assert.Null(kit.Position(PositionSide.Long));
        Assert.Empty(kit.Exchange.Liquidate(Swap, PositionSide.Long));
    }

    [Fact]
    public void Manual_order_is_a_full_market_trade_without_clOrdId()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 1m));   // a hand trade ignores the 10% bar cap

        var fill = kit.Exchange.ManualOrder(Swap, OrderSide.Sell, PositionSide.Short, 30m);

        Assert.Equal(fill, Assert.Single(kit.DrainFills()));
        Assert.Equal(("", false, 30m), (fill.ClOrdId, fill.IsLiquidation, fill.Size));
        Assert.Equal(49_845m, fill.Price);     // bps = 1 + 100 × 0.3 / 1 = 31
        Assert.Equal(30m, kit.Position(PositionSide.Short)!.Size);
        Assert.NotNull(kit.Exchange.GetOrderAsync(Swap, fill.OrdId, null).Done());
        Assert.Throws<InvalidOperationException>(() => kit.Exchange.ManualOrder(Swap, OrderSide.Sell, PositionSide.Long, 1m));
    }

    [Fact]
    public void Close_position_by_hand_cancels_resting_closes_and_closes_everything_at_market()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Swap, "o1", OrderSide.Buy, 10m, PositionSide.Long);
        kit.Limit(Swap, "tp1", OrderSide.Sell, 5m, 55_000m, PositionSide.Long);
        kit.DrainFills();

        var fills = kit.Exchange.ClosePositionByHand(Swap, PositionSide.Long);

        var fill = Assert.Single(fills);
        Assert.Equal((OrderSide.Sell, PositionSide.Long, 10m, "", false), (fill.Side, fill.PosSide, fill.Size, fill.ClOrdId, fill.IsLiquidation));
        Assert.Equal(49_994.5m, fill.Price);
        Assert.Null(kit.Position(PositionSide.Long));
        Assert.Equal(OrderState.Canceled, kit.Order(Swap, "tp1").State);
        Assert.Empty(kit.Exchange.ClosePositionByHand(Swap, PositionSide.Long));
        Assert.Throws<ArgumentException>(() => kit.Exchange.ClosePositionByHand(Spot, PositionSide.Long));
    }
}
