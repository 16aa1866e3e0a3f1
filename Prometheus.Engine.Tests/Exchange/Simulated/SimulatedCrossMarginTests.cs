using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// Cross margin: the account's equity stands behind cross positions, which are liquidated together when it falls to
/// their maintenance margin; a side keeps one mode until it is flat; each mode has its own leverage; the mode is kept.
/// </summary>
public sealed class SimulatedCrossMarginTests : IDisposable
{
    private const decimal Mmr = 0.004m;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A kit at 50,000 with deep bars, and a long of 1,800 contracts (18 BTC) opened at 10x in <paramref name="mode"/>.</summary>
    private static (SimulatedExchangeKit Kit, ExchangePosition Position) OpenLong(SimulatedMarginMode mode, SimulatedExchangeKit? kit = null)
    {
        kit ??= new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 10_000m));
        Assert.True(kit.Exchange.SetLeverageAsync(Swap, [PositionSide.Long], 10m, mode).Done().Accepted);
        var ack = kit.Exchange.PlaceOrderAsync(new OrderRequest(Swap, "open1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 1_800m), mode).Done();
        Assert.True(ack.Accepted, ack.Message);
        return (kit, kit.Exchange.GetPositionsAsync(Swap).Done().Single());
    }

    private static decimal Cash(SimulatedExchangeKit kit) => kit.Exchange.GetBalancesAsync().Done().Single(b => b.Ccy == "USDT").Total;

    [Fact]
    public void Cross_positions_are_liquidated_when_account_equity_falls_below_maintenance()
    {
        var (kit, position) = OpenLong(SimulatedMarginMode.Cross);
        var cash = Cash(kit);
        // Equity(p) = cash + margin + 18·(p − entry) meets maintenance 18·p·mmr at p = (18·entry − cash − margin) / (18 − 18·mmr).
        var expected = TestInstruments.BtcUsdtSwap.RoundToTick((18m * position.AveragePrice - cash - position.Margin) / (18m * (1m - Mmr)));
        Assert.Equal(expected, position.LiquidationPrice);

        kit.Feed(Bar(expected + 50m, volume: 10_000m, low: expected + 1m));
        Assert.Single(kit.Exchange.GetPositionsAsync(Swap).Done());
        kit.Feed(Bar(expected - 100m, volume: 10_000m, low: expected - 200m));

        Assert.Empty(kit.Exchange.GetPositionsAsync(Swap).Done());
        var liquidation = kit.Exchange.GetFillsAsync().Done()[^1];
        Assert.True(liquidation.IsLiquidation);
        Assert.Equal(("", expected, 1_800m), (liquidation.ClOrdId, liquidation.Price, liquidation.Size));
        // What is left is the maintenance margin at that price, less the liquidation fee (and the tick's rounding).
        var left = 18m * expected * Mmr - liquidation.Fee;
        Assert.InRange(Cash(kit), left - 18m * 0.1m, left + 18m * 0.1m);
    }

    [Fact]
    public void A_cross_position_is_backed_by_the_whole_account_so_it_outlives_the_same_isolated_one()
    {
        var (isolated, isolatedPosition) = OpenLong(SimulatedMarginMode.Isolated);
        var (cross, crossPosition) = OpenLong(SimulatedMarginMode.Cross);
        Assert.True(crossPosition.LiquidationPrice < isolatedPosition.LiquidationPrice);
        var between = Bar(isolatedPosition.LiquidationPrice, volume: 10_000m, low: (crossPosition.LiquidationPrice + isolatedPosition.LiquidationPrice) / 2m);

        isolated.Feed(between);
        cross.Feed(between);

        Assert.Empty(isolated.Exchange.GetPositionsAsync(Swap).Done());
        Assert.Equal(1_800m, cross.Exchange.GetPositionsAsync(Swap).Done().Single().Size);
    }

    [Fact]
    public void A_hedged_cross_pair_nets_its_losses_against_its_gains()
    {
        var (kit, _) = OpenLong(SimulatedMarginMode.Cross);
        Assert.True(kit.Exchange.SetLeverageAsync(Swap, [PositionSide.Short], 10m, SimulatedMarginMode.Cross).Done().Accepted);
        var shortAck = kit.Exchange.PlaceOrderAsync(new OrderRequest(Swap, "hedge1", OrderSide.Sell, PositionSide.Short, OrderType.Market, 150m),
            SimulatedMarginMode.Cross).Done();
        Assert.True(shortAck.Accepted, shortAck.Message);
        var single = OpenLong(SimulatedMarginMode.Cross).Position.LiquidationPrice;

        var hedged = kit.Exchange.GetPositionsAsync(Swap).Done();

        Assert.All(hedged, p => Assert.Equal(hedged[0].LiquidationPrice, p.LiquidationPrice));   // one price for the account
        Assert.True(hedged[0].LiquidationPrice < single, $"{hedged[0].LiquidationPrice} vs {single}");
    }

    [Fact]
    public void A_side_keeps_one_margin_mode_until_it_is_flat_without_orders_and_a_refusal_changes_nothing()
    {
        var (kit, _) = OpenLong(SimulatedMarginMode.Isolated);
        var before = kit.Exchange.Capture();

        var refused = kit.Exchange.PlaceOrderAsync(new OrderRequest(Swap, "x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 10m), SimulatedMarginMode.Cross).Done();
        var otherSide = kit.Exchange.PlaceOrderAsync(new OrderRequest(Swap, "x2", OrderSide.Sell, PositionSide.Short, OrderType.Market, 10m), SimulatedMarginMode.Cross).Done();

        Assert.Equal((OkxErrorCodes.ParameterError, true), (refused.Code, refused.Message.Contains("isolated", StringComparison.Ordinal)));
        Assert.Equal(before.Positions.Where(p => p.PosSide == PositionSide.Long), kit.Exchange.Capture().Positions.Where(p => p.PosSide == PositionSide.Long));
        Assert.True(otherSide.Accepted, otherSide.Message);
        Assert.Equal(SimulatedMarginMode.Cross, kit.Exchange.MarginMode(Swap, PositionSide.Short));
        Assert.Equal(SimulatedMarginMode.Cross, kit.Exchange.OrderMarginMode(otherSide.OrdId!));
    }

    [Fact]
    public void Cross_leverage_applies_to_cross_positions_and_isolated_leverage_to_isolated_ones()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 10_000m));

        Assert.True(kit.Exchange.SetLeverageAsync(Swap, [PositionSide.Long, PositionSide.Short], 20m, SimulatedMarginMode.Cross).Done().Accepted);
        Assert.True(kit.Exchange.SetLeverageAsync(Swap, PositionSide.Short, 4m).Done().Accepted);
        kit.Exchange.PlaceOrderAsync(new OrderRequest(Swap, "c1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 100m), SimulatedMarginMode.Cross).Done();
        kit.Exchange.PlaceOrderAsync(new OrderRequest(Swap, "i1", OrderSide.Sell, PositionSide.Short, OrderType.Market, 100m), SimulatedMarginMode.Isolated).Done();

        var positions = kit.Exchange.GetPositionsAsync(Swap).Done();
        var crossLong = positions.Single(p => p.PosSide == PositionSide.Long);
        var isolatedShort = positions.Single(p => p.PosSide == PositionSide.Short);
        Assert.Equal((20m, 4m), (crossLong.Leverage, isolatedShort.Leverage));
        Assert.Equal(Math.Round(crossLong.AveragePrice * 1m / 20m, 2), Math.Round(crossLong.Margin, 2));
        Assert.Equal(Math.Round(isolatedShort.AveragePrice * 1m / 4m, 2), Math.Round(isolatedShort.Margin, 2));
        Assert.Equal(4m, kit.Exchange.Leverage(Swap, PositionSide.Short, SimulatedMarginMode.Isolated));
        Assert.Equal(20m, kit.Exchange.Leverage(Swap, PositionSide.Short, SimulatedMarginMode.Cross));
    }

    [Fact]
    public void The_margin_mode_survives_a_reopen_of_the_store()
    {
        var path = _dir.File(Prometheus.Engine.Exchange.Simulated.Persistence.SqliteSimulatedExchangeStore.DefaultFileName);
        var (kit, position) = OpenLong(SimulatedMarginMode.Cross,
            new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(path, options, clock, random)));
        var state = kit.Exchange.Capture();
        kit.Exchange.Dispose();

        using var reopened = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1));

        Assert.Equal(state, reopened.Capture());
        Assert.Equal(SimulatedMarginMode.Cross, reopened.MarginMode(Swap, PositionSide.Long));
        Assert.Equal(position.LiquidationPrice, reopened.GetPositionsAsync(Swap).Done().Single().LiquidationPrice);
        Assert.Equal(10m, reopened.Leverage(Swap, PositionSide.Long, SimulatedMarginMode.Cross));
    }
}
