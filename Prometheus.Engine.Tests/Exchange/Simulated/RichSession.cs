using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// A session that leaves every kind of state behind: spot and swap fills, a market order partially filled (the rest
/// cancelled), resting limits freezing quote, base and contracts, a resting limit partially filled by a bar, a
/// cancel, leverage settings, a liquidation by a bar and one by hand, manual trades, a position closed by hand, open
/// long and short positions, and different last bars per instrument. It ends with an order, so that a store holds
/// the last bars too.
/// </summary>
internal static class RichSession
{
    public static void Run(SimulatedExchangeKit kit)
    {
        var exchange = kit.Exchange;
        kit.Feed(Bar(50_000m, volume: 5m));                                     // spot cap 0.5 BTC, swap cap 50 contracts
        Accept(kit.Market(Spot, "s1", OrderSide.Buy, 0.2m));
        Accept(kit.Market(Spot, "s2", OrderSide.Buy, 0.8m));                   // 0.5 filled, rest cancelled
        Accept(kit.Limit(Spot, "s3", OrderSide.Buy, 0.1m, 49_000m));           // rests, freezes USDT
        Accept(kit.Limit(Spot, "s4", OrderSide.Sell, 0.3m, 52_000m));          // rests, freezes BTC
        Accept(exchange.SetLeverageAsync(Swap, PositionSide.Long, 10m).Done());
        Accept(kit.Market(Swap, "w1", OrderSide.Buy, 20m, PositionSide.Long));
        Accept(kit.Limit(Swap, "w2", OrderSide.Sell, 10m, 53_000m, PositionSide.Long));   // rests, reserves contracts
        Accept(kit.Limit(Swap, "w3", OrderSide.Sell, 80m, 50_500m, PositionSide.Short));  // rests, freezes margin

        kit.Feed(Bar(50_600m, volume: 5m, low: 50_400m, high: 50_700m));       // w3: 50 of 80 at 50,500
        Accept(exchange.CancelOrderAsync(Spot, null, "s3").Done());
        exchange.ManualOrder(Swap, OrderSide.Buy, PositionSide.Long, 5m);       // long 25
        kit.Feed(Bar(46_000m, volume: 5m, low: 45_000m, high: 46_000m));       // liquidates the long, cancels w2
        exchange.Liquidate(Swap, PositionSide.Short);                           // the 50 short, by the exchange
        kit.Feed(Bar(48_000m, volume: 5m));
        exchange.ManualOrder(Swap, OrderSide.Sell, PositionSide.Short, 4m);
        exchange.ClosePositionByHand(Swap, PositionSide.Short);
        Accept(kit.Market(Swap, "w4", OrderSide.Buy, 7m, PositionSide.Long));
        Accept(kit.Market(Swap, "w5", OrderSide.Sell, 3m, PositionSide.Short));
        kit.Clock.Advance(TimeSpan.FromMinutes(1));
        exchange.OnBar(Spot, Bar(48_100m, volume: 6m));                         // the spot bar now differs from the swap's
        Accept(kit.Market(Spot, "s5", OrderSide.Sell, 0.1m));

        // The session did leave all of that behind.
        Assert.Equal((OrderState.Canceled, 0.5m), (kit.Order(Spot, "s2").State, kit.Order(Spot, "s2").FilledSize));
        Assert.Equal((OrderState.PartiallyFilled, 50m), (kit.Order(Swap, "w3").State, kit.Order(Swap, "w3").FilledSize));
        Assert.Equal(OrderState.Canceled, kit.Order(Swap, "w2").State);
        Assert.Equal(OrderState.Live, kit.Order(Spot, "s4").State);
        var fills = exchange.GetFillsAsync().Done();
        Assert.Equal(2, fills.Count(f => f.IsLiquidation));
        Assert.Equal(3, fills.Count(f => f.ClOrdId == "" && !f.IsLiquidation));
        Assert.Equal(2, exchange.GetPositionsAsync().Done().Count);
        Assert.Equal(2, exchange.GetPendingOrdersAsync().Done().Count);
        Assert.True(kit.Balance("USDT").Frozen > 0m);
        Assert.Equal(0.3m, kit.Balance("BTC").Frozen);
    }

    private static void Accept(OrderAck ack) => Assert.True(ack.Accepted, $"{ack.ClOrdId}: {ack.Code} {ack.Message}");
}
