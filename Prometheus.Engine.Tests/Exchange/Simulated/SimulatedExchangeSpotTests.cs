using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SimulatedExchangeSpotTests
{
    [Fact]
    public void Market_buy_pays_close_plus_volume_slippage_and_taker_fee_in_usdt()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 100m));

        var ack = kit.Market(Spot, "b1", OrderSide.Buy, 0.5m);

        Assert.True(ack.Accepted);
        Assert.Equal("1", ack.OrdId);
        // bps = 1 + 100 × 0.5 / 100 = 1.5 → 50,000 × 1.00015 = 50,007.5
        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal(
            new ExchangeFill("1", "1", "b1", Spot, OrderSide.Buy, PositionSide.Long, 0.5m, 50_007.5m, 25.00375m, "USDT",
                kit.Clock.GetUtcNow().ToUnixTimeMilliseconds()),
            fill);
        Assert.Equal(100_000m - 25_003.75m - 25.00375m, kit.Balance("USDT").Total);
        Assert.Equal(74_971.24625m, kit.Balance("USDT").Available);
        Assert.Equal(0.5m, kit.Balance("BTC").Total);
        Assert.Equal(74_971.24625m + 25_000m, kit.Exchange.TotalEquityUsdt());
        var order = kit.Order(Spot, "b1");
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(50_007.5m, order.AveragePrice);
        Assert.Equal(25.00375m, order.Fee);
    }

    [Fact]
    public void Market_sell_gets_close_minus_slippage_less_taker_fee()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Spot, "b1", OrderSide.Buy, 0.5m);

        var ack = kit.Market(Spot, "s1", OrderSide.Sell, 0.5m);

        Assert.True(ack.Accepted);
        var sell = kit.DrainFills()[^1];
        Assert.Equal(49_992.5m, sell.Price);   // 50,000 × (1 − 0.00015)
        Assert.Equal(24.99625m, sell.Fee);
        Assert.Equal(99_942.5m, kit.Balance("USDT").Total);
        Assert.Equal(0m, kit.Balance("BTC").Total);
    }

    [Fact]
    public void Market_order_larger_than_bar_participation_fills_partially_and_the_rest_is_cancelled()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 10m));   // 10% of 10 BTC = 1 BTC per order

        var ack = kit.Market(Spot, "big", OrderSide.Buy, 2m);

        Assert.True(ack.Accepted);
        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal(1m, fill.Size);
        Assert.Equal(50_055m, fill.Price);     // bps = 1 + 100 × 1 / 10 = 11
        Assert.Equal(50.055m, fill.Fee);
        var order = kit.Order(Spot, "big");
        Assert.Equal(OrderState.Canceled, order.State);
        Assert.Equal(2m, order.Size);
        Assert.Equal(1m, order.FilledSize);
        Assert.Empty(kit.Exchange.GetPendingOrdersAsync().Done());
        Assert.Equal(100_000m - 50_055m - 50.055m, kit.Balance("USDT").Total);
    }

    [Fact]
    public void Swap_market_order_is_capped_in_contracts_of_base_volume()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 10m));   // 1 BTC = 100 contracts

        kit.Market(Swap, "big", OrderSide.Buy, 300m);

        Assert.Equal(100m, Assert.Single(kit.DrainFills()).Size);
        Assert.Equal(OrderState.Canceled, kit.Order(Swap, "big").State);
        Assert.Equal(100m, kit.Position(PositionSide.Long)!.Size);
    }

    [Fact]
    public void Limit_buy_rests_freezing_funds_then_fills_at_its_price_as_maker_when_a_bar_reaches_it()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));

        var ack = kit.Limit(Spot, "l1", OrderSide.Buy, 1m, 49_000m);

        Assert.True(ack.Accepted);
        Assert.Empty(kit.DrainFills());
        Assert.Equal(OrderState.Live, kit.Order(Spot, "l1").State);
        Assert.Equal(49_049m, kit.Balance("USDT").Frozen);   // 49,000 × (1 + taker 0.1%)
        Assert.Equal(50_951m, kit.Balance("USDT").Available);

        kit.Feed(Bar(49_500m, low: 49_100m));
        Assert.Empty(kit.DrainFills());

        kit.Feed(Bar(49_500m, low: 48_900m));
        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal((1m, 49_000m, 39.2m), (fill.Size, fill.Price, fill.Fee));   // maker 0.08%
        Assert.Equal(OrderState.Filled, kit.Order(Spot, "l1").State);
        Assert.Equal(new ExchangeBalance("USDT", 50_960.8m, 50_960.8m, 0m), kit.Balance("USDT"));
        Assert.Equal(1m, kit.Balance("BTC").Total);
        Assert.Empty(kit.Exchange.GetPendingOrdersAsync().Done());
    }

    [Fact]
    public void Limit_order_fills_partially_over_two_bars_limited_by_bar_participation()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Limit(Spot, "l1", OrderSide.Buy, 1.5m, 49_000m);

        kit.Feed(Bar(49_500m, volume: 10m, low: 48_900m));
        var first = Assert.Single(kit.DrainFills());
        Assert.Equal((1m, 49_000m, 39.2m), (first.Size, first.Price, first.Fee));
        var partial = kit.Order(Spot, "l1");
        Assert.Equal(OrderState.PartiallyFilled, partial.State);
        Assert.Equal(1m, partial.FilledSize);
        Assert.Equal(24_524.5m, kit.Balance("USDT").Frozen);   // the third of 73,573.5 still reserved
        Assert.Single(kit.Exchange.GetPendingOrdersAsync(Spot).Done());

        kit.Feed(Bar(49_500m, volume: 10m, low: 48_950m));
        var second = Assert.Single(kit.DrainFills());
        Assert.Equal((0.5m, 49_000m, 19.6m), (second.Size, second.Price, second.Fee));
        var done = kit.Order(Spot, "l1");
        Assert.Equal(OrderState.Filled, done.State);
        Assert.Equal(49_000m, done.AveragePrice);
        Assert.Equal(58.8m, done.Fee);
        Assert.Equal(new ExchangeBalance("USDT", 26_441.2m, 26_441.2m, 0m), kit.Balance("USDT"));
        Assert.Equal(1.5m, kit.Balance("BTC").Total);
    }

    [Fact]
    public void Limit_order_does_not_fill_on_an_empty_bar()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Limit(Spot, "l1", OrderSide.Buy, 1m, 49_000m);

        kit.Feed(Bar(48_000m, volume: 0m));

        Assert.Empty(kit.DrainFills());
        Assert.Equal(OrderState.Live, kit.Order(Spot, "l1").State);
    }

    [Theory]
    [InlineData(50_100, 50_007.5, 25.00375)]   // the slipped market price is better than the limit
    [InlineData(50_002, 50_002, 25.001)]       // the limit caps the price
    public void Limit_buy_at_or_above_the_last_close_fills_at_once_as_taker_at_its_price_or_better(
        decimal limit, decimal expectedPrice, decimal expectedFee)
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));

        kit.Limit(Spot, "x1", OrderSide.Buy, 0.5m, limit);

        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal((0.5m, expectedPrice, expectedFee), (fill.Size, fill.Price, fill.Fee));
        Assert.Equal(OrderState.Filled, kit.Order(Spot, "x1").State);
        Assert.Equal(0m, kit.Balance("USDT").Frozen);
        Assert.Empty(kit.Exchange.GetPendingOrdersAsync().Done());
    }

    [Fact]
    public void Crossing_limit_larger_than_bar_participation_takes_what_it_can_and_rests_the_rest()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m, volume: 10m));

        kit.Limit(Spot, "x1", OrderSide.Buy, 1.5m, 50_100m);

        var fill = Assert.Single(kit.DrainFills());
        Assert.Equal((1m, 50_055m), (fill.Size, fill.Price));
        Assert.Equal(OrderState.PartiallyFilled, kit.Order(Spot, "x1").State);
        Assert.Single(kit.Exchange.GetPendingOrdersAsync().Done());
    }

    [Fact]
    public void Limit_sell_freezes_the_btc_it_sells()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Market(Spot, "b1", OrderSide.Buy, 1m);

        kit.Limit(Spot, "s1", OrderSide.Sell, 0.4m, 51_000m);

        Assert.Equal(new ExchangeBalance("BTC", 1m, 0.6m, 0.4m), kit.Balance("BTC"));
        kit.Feed(Bar(50_500m, high: 51_000m));
        Assert.Equal(new ExchangeBalance("BTC", 0.6m, 0.6m, 0m), kit.Balance("BTC"));
    }

    [Fact]
    public void Cancel_releases_frozen_funds_and_reports_the_order_canceled()
    {
        var kit = new SimulatedExchangeKit();
        kit.Feed(Bar(50_000m));
        kit.Limit(Spot, "l1", OrderSide.Buy, 1m, 49_000m);

        var ack = kit.Exchange.CancelOrderAsync(Spot, null, "l1").Done();

        Assert.Equal(OrderAck.Ok("l1", "1"), ack);
        Assert.Equal(new ExchangeBalance("USDT", 100_000m, 100_000m, 0m), kit.Balance("USDT"));
        Assert.Equal(OrderState.Canceled, kit.Order(Spot, "l1").State);
        Assert.Empty(kit.Exchange.GetPendingOrdersAsync().Done());
        kit.Feed(Bar(48_000m, low: 47_000m));
        Assert.Empty(kit.DrainFills());
    }
}
