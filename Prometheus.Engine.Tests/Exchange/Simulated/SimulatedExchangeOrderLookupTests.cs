using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SimulatedExchangeOrderLookupTests
{
    [Fact]
    public void Orders_are_found_by_ordId_or_clOrdId_on_their_own_instrument_only()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        var ack = kit.Limit(Spot, "look1", OrderSide.Buy, 0.2m, 49_000m);

        var byOrdId = kit.Exchange.GetOrderAsync(Spot, ack.OrdId, null).Done();
        var byClOrdId = kit.Exchange.GetOrderAsync(Spot, null, "look1").Done();

        Assert.NotNull(byOrdId);
        Assert.Equal(byOrdId, byClOrdId);
        var created = kit.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(
            new ExchangeOrder("1", "look1", Spot, OrderSide.Buy, PositionSide.Long, OrderType.Limit, 0.2m, 49_000m,
                0m, 0m, 0m, OrderState.Live, created, created),
            byOrdId);
        Assert.Null(kit.Exchange.GetOrderAsync(Swap, ack.OrdId, null).Done());
        Assert.Null(kit.Exchange.GetOrderAsync(Spot, "999", null).Done());
        Assert.Null(kit.Exchange.GetOrderAsync(Spot, null, "unknown").Done());
        Assert.Null(kit.Exchange.GetOrderAsync(Spot, null, null).Done());
    }

    [Fact]
    public void Ids_are_sequential_and_timestamps_come_from_the_injected_clock()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Spot, "a1", OrderSide.Buy, 0.1m);
        kit.Clock.Advance(TimeSpan.FromSeconds(5));
        kit.Market(Swap, "a2", OrderSide.Buy, 1m, PositionSide.Long);
        kit.Limit(Spot, "a3", OrderSide.Buy, 0.1m, 40_000m);

        var fills = kit.DrainFills();

        Assert.Equal(["1", "2"], fills.Select(f => f.TradeId));
        Assert.Equal(["1", "2"], fills.Select(f => f.OrdId));
        Assert.Equal("3", kit.Order(Spot, "a3").OrdId);
        Assert.Equal(5_000, fills[1].TimestampMs - fills[0].TimestampMs);
        Assert.Equal(kit.Clock.GetUtcNow().ToUnixTimeMilliseconds(), fills[1].TimestampMs);
    }

    [Fact]
    public void Pending_history_and_fills_queries_filter_by_instrument_and_time()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Spot, "m1", OrderSide.Buy, 0.1m);                          // filled
        kit.Limit(Swap, "l1", OrderSide.Buy, 1m, 40_000m, PositionSide.Long); // pending
        kit.Limit(Spot, "l2", OrderSide.Buy, 0.1m, 40_000m);                  // pending, then cancelled
        var since = kit.Clock.GetUtcNow().AddSeconds(1).ToUnixTimeMilliseconds();
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        kit.Exchange.CancelOrderAsync(Spot, null, "l2").Done();
        kit.Market(Swap, "m2", OrderSide.Buy, 1m, PositionSide.Long);         // filled later

        Assert.Equal(["l1"], kit.Exchange.GetPendingOrdersAsync().Done().Select(o => o.ClOrdId));
        Assert.Empty(kit.Exchange.GetPendingOrdersAsync(Spot).Done());
        Assert.Equal(["m1", "l2", "m2"], kit.Exchange.GetOrderHistoryAsync().Done().Select(o => o.ClOrdId));
        Assert.Equal(["l2", "m2"], kit.Exchange.GetOrderHistoryAsync(sinceMs: since).Done().Select(o => o.ClOrdId));
        Assert.Equal(["m1", "l2"], kit.Exchange.GetOrderHistoryAsync(Spot).Done().Select(o => o.ClOrdId));
        Assert.Equal(["m1", "m2"], kit.Exchange.GetFillsAsync().Done().Select(f => f.ClOrdId));
        Assert.Equal(["m2"], kit.Exchange.GetFillsAsync(sinceMs: since).Done().Select(f => f.ClOrdId));
        Assert.Equal(["m2"], kit.Exchange.GetFillsAsync(Swap).Done().Select(f => f.ClOrdId));
    }

    [Fact]
    public void Channel_carries_every_fill_in_the_order_of_the_fill_history()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 10m));
        kit.Limit(Spot, "l1", OrderSide.Buy, 1.5m, 49_000m);
        kit.Market(Swap, "m1", OrderSide.Buy, 10m, PositionSide.Long);
        kit.Feed(Bar(49_000m, volume: 10m, low: 48_000m));
        kit.Feed(Bar(49_000m, volume: 10m, low: 48_000m));
        kit.Exchange.Liquidate(Swap, PositionSide.Long);

        var channel = kit.DrainFills();

        Assert.Equal(kit.Exchange.GetFillsAsync().Done(), channel);
        Assert.Equal(["m1", "l1", "l1", ""], channel.Select(f => f.ClOrdId));
    }

    [Fact]
    public void Balances_list_usdt_then_btc()
    {
        var kit = new SimulatedExchangeKit();
        Assert.Equal(
            [new ExchangeBalance("USDT", 100_000m, 100_000m, 0m), new ExchangeBalance("BTC", 0m, 0m, 0m)],
            kit.Exchange.GetBalancesAsync().Done());
        Assert.Equal(100_000m, kit.Exchange.TotalEquityUsdt());
    }

    [Fact]
    public void Last_price_is_the_last_close_and_unknown_before_the_first_bar()
    {
        var kit = new SimulatedExchangeKit();
        Assert.Throws<InvalidOperationException>(() => kit.Exchange.LastPrice(Spot));
        Assert.Throws<ArgumentException>(() => kit.Exchange.LastPrice("ETH-USDT"));
        Assert.Throws<ArgumentException>(() => kit.Exchange.OnBar("ETH-USDT", Bar(1m)));

        kit.Feed(Bar(50_123.4m));

        Assert.Equal(50_123.4m, kit.Exchange.LastPrice(Spot));
        Assert.Equal(50_123.4m, kit.Exchange.LastPrice(Swap));
    }
}
