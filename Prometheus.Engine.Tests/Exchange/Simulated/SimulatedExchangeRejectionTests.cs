using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>Every refusal is an OKX sCode in the ack, books nothing, and leaves no order behind.</summary>
public sealed class SimulatedExchangeRejectionTests
{
    private readonly SimulatedExchangeKit _kit = new();

    public SimulatedExchangeRejectionTests() => _kit.Feed(Bar(50_000m));

    private void AssertRejected(OrderAck ack, string code)
    {
        Assert.False(ack.Accepted);
        Assert.Equal(code, ack.Code);
        Assert.Null(ack.OrdId);
        Assert.NotEmpty(ack.Message);
        Assert.Empty(_kit.DrainFills());
    }

    [Fact]
    public void Unknown_instrument_is_51001() =>
        AssertRejected(_kit.Market("ETH-USDT", "a1", OrderSide.Buy, 1m), "51001");

    [Theory]
    [InlineData("")]
    [InlineData("has-dash")]
    [InlineData("with space")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]   // 33 characters
    public void ClOrdId_not_1_to_32_alphanumerics_is_51000(string clOrdId) =>
        AssertRejected(_kit.Market(Spot, clOrdId, OrderSide.Buy, 0.1m), "51000");

    [Fact]
    public void ClOrdId_of_32_alphanumerics_is_accepted() =>
        Assert.True(_kit.Market(Spot, "abcdefghijklmnopqrstuvwxyz012345", OrderSide.Buy, 0.1m).Accepted);

    [Fact]
    public void Duplicate_clOrdId_is_51016_even_after_the_first_order_is_done()
    {
        Assert.True(_kit.Limit(Spot, "dup1", OrderSide.Buy, 0.1m, 40_000m).Accepted);
        _kit.Exchange.CancelOrderAsync(Spot, null, "dup1").Done();

        AssertRejected(_kit.Market(Spot, "dup1", OrderSide.Buy, 0.1m), "51016");
        AssertRejected(_kit.Market(Swap, "dup1", OrderSide.Buy, 1m), "51016");
    }

    [Fact]
    public void A_rejected_clOrdId_was_never_seen_and_may_be_used_again()
    {
        AssertRejected(_kit.Market(Spot, "r1", OrderSide.Buy, 100m), "51008");
        Assert.Null(_kit.Exchange.GetOrderAsync(Spot, null, "r1").Done());

        Assert.True(_kit.Market(Spot, "r1", OrderSide.Buy, 0.1m).Accepted);
    }

    [Fact]
    public void Spot_order_with_short_posSide_is_51000() =>
        AssertRejected(_kit.Market(Spot, "p1", OrderSide.Buy, 0.1m, PositionSide.Short), "51000");

    [Theory]
    [InlineData(Spot, 0)]
    [InlineData(Spot, -1)]
    [InlineData(Swap, 0)]
    public void Non_positive_size_is_51000(string instId, decimal size) =>
        AssertRejected(_kit.Market(instId, "z1", OrderSide.Buy, size), "51000");

    [Theory]
    [InlineData(Spot, 0.000001)]
    [InlineData(Swap, 0.05)]
    public void Size_below_minSz_is_51020(string instId, decimal size) =>
        AssertRejected(_kit.Market(instId, "m1", OrderSide.Buy, size), "51020");

    [Theory]
    [InlineData(Spot, 0.000010001)]
    [InlineData(Swap, 1.15)]
    public void Size_not_a_multiple_of_lotSz_is_51121(string instId, decimal size) =>
        AssertRejected(_kit.Market(instId, "l1", OrderSide.Buy, size), "51121");

    [Fact]
    public void Limit_without_price_is_51000() =>
        AssertRejected(_kit.Place(new OrderRequest(Spot, "px1", OrderSide.Buy, PositionSide.Long, OrderType.Limit, 0.1m)), "51000");

    [Theory]
    [InlineData(0)]
    [InlineData(-49_000)]
    [InlineData(49_000.05)]
    public void Limit_price_not_positive_or_off_tick_is_51000(decimal price) =>
        AssertRejected(_kit.Limit(Spot, "px1", OrderSide.Buy, 0.1m, price), "51000");

    [Fact]
    public void Order_before_the_first_bar_is_51000_no_market_price()
    {
        var fresh = new SimulatedExchangeKit();
        var ack = fresh.Market(Spot, "e1", OrderSide.Buy, 0.1m);
        Assert.Equal("51000", ack.Code);
        Assert.Contains("market price", ack.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("51000", fresh.Limit(Swap, "e2", OrderSide.Buy, 1m, 40_000m, PositionSide.Long).Code);
    }

    [Fact]
    public void Market_order_on_an_empty_bar_is_51109_no_liquidity()
    {
        _kit.Feed(Bar(50_000m, volume: 0m));
        var ack = _kit.Market(Spot, "n1", OrderSide.Buy, 0.1m);
        AssertRejected(ack, "51109");
        Assert.Contains("liquidity", ack.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Market_order_on_a_bar_too_thin_for_one_lot_is_51109()
    {
        _kit.Feed(Bar(50_000m, volume: 0.009m));   // 10% = 0.0009 BTC, less than one 0.1-contract lot (0.001 BTC)
        AssertRejected(_kit.Market(Swap, "t1", OrderSide.Buy, 1m, PositionSide.Long), "51109");
    }

    [Fact]
    public void Spot_sell_beyond_btc_held_is_51008() =>
        AssertRejected(_kit.Market(Spot, "s1", OrderSide.Sell, 0.1m), "51008");

    [Fact]
    public void Spot_sell_of_btc_frozen_by_a_resting_sell_is_51008()
    {
        _kit.Market(Spot, "b1", OrderSide.Buy, 1m);
        _kit.DrainFills();
        _kit.Limit(Spot, "s1", OrderSide.Sell, 1m, 60_000m);

        AssertRejected(_kit.Market(Spot, "s2", OrderSide.Sell, 0.1m), "51008");
    }

    [Fact]
    public void Spot_buy_costing_more_than_available_usdt_is_51008()
    {
        AssertRejected(_kit.Market(Spot, "b1", OrderSide.Buy, 2m), "51008");              // 100,030 + fee > 100,000
        AssertRejected(_kit.Limit(Spot, "b2", OrderSide.Buy, 2.1m, 47_600m), "51008");    // 99,960 × 1.001
        Assert.Equal(100_000m, _kit.Balance("USDT").Available);
    }

    [Fact]
    public void Swap_opening_beyond_available_margin_is_51008()
    {
        _kit.Exchange.SetLeverageAsync(Swap, PositionSide.Long, 1m).Done();
        AssertRejected(_kit.Market(Swap, "o1", OrderSide.Buy, 250m, PositionSide.Long), "51008");
        AssertRejected(_kit.Limit(Swap, "o2", OrderSide.Buy, 250m, 45_000m, PositionSide.Long), "51008");
    }

    [Fact]
    public void Closing_more_than_the_open_position_is_51112()
    {
        AssertRejected(_kit.Market(Swap, "c1", OrderSide.Sell, 1m, PositionSide.Long), "51112");
        _kit.Market(Swap, "o1", OrderSide.Sell, 5m, PositionSide.Short);
        _kit.DrainFills();
        AssertRejected(_kit.Market(Swap, "c2", OrderSide.Buy, 5.1m, PositionSide.Short), "51112");
        AssertRejected(_kit.Limit(Swap, "c3", OrderSide.Buy, 5.1m, 49_000m, PositionSide.Short), "51112");
        Assert.True(_kit.Market(Swap, "c4", OrderSide.Buy, 5m, PositionSide.Short, reduceOnly: true).Accepted);
    }

    [Theory]
    [InlineData(Swap, OrderSide.Buy, PositionSide.Long)]
    [InlineData(Swap, OrderSide.Sell, PositionSide.Short)]
    [InlineData(Spot, OrderSide.Buy, PositionSide.Long)]
    public void Reduce_only_order_that_would_open_is_51148(string instId, OrderSide side, PositionSide posSide) =>
        AssertRejected(_kit.Market(instId, "r1", side, 1m, posSide, reduceOnly: true), "51148");

    [Fact]
    public void Leverage_rules()
    {
        var exchange = _kit.Exchange;
        Assert.Equal("51001", exchange.SetLeverageAsync("ETH-USDT-SWAP", PositionSide.Long, 5m).Done().Code);
        Assert.Equal("51000", exchange.SetLeverageAsync(Spot, PositionSide.Long, 5m).Done().Code);
        Assert.Equal("51000", exchange.SetLeverageAsync(Swap, PositionSide.Long, 0.5m).Done().Code);
        Assert.Equal("59102", exchange.SetLeverageAsync(Swap, PositionSide.Long, 101m).Done().Code);
        Assert.True(exchange.SetLeverageAsync(Swap, PositionSide.Long, 100m).Done().Accepted);

        _kit.Limit(Swap, "l1", OrderSide.Buy, 1m, 45_000m, PositionSide.Long);
        Assert.Equal("59101", exchange.SetLeverageAsync(Swap, PositionSide.Long, 50m).Done().Code);
        Assert.True(exchange.SetLeverageAsync(Swap, PositionSide.Short, 50m).Done().Accepted);
    }

    [Fact]
    public void Lowering_leverage_without_margin_to_cover_it_is_59103()
    {
        _kit.Exchange.SetLeverageAsync(Swap, PositionSide.Long, 100m).Done();
        _kit.Market(Swap, "o1", OrderSide.Buy, 1_000m, PositionSide.Long);   // 10 BTC ≈ 500,550 notional, 5,005.5 margin

        Assert.Equal("59103", _kit.Exchange.SetLeverageAsync(Swap, PositionSide.Long, 1m).Done().Code);
        Assert.Equal(100m, _kit.Position(PositionSide.Long)!.Leverage);
    }

    [Fact]
    public void Cancel_rejections()
    {
        var exchange = _kit.Exchange;
        _kit.Market(Spot, "f1", OrderSide.Buy, 0.1m);
        _kit.Limit(Spot, "c1", OrderSide.Buy, 0.1m, 40_000m);
        exchange.CancelOrderAsync(Spot, null, "c1").Done();

        Assert.Equal("51001", exchange.CancelOrderAsync("ETH-USDT", null, "c1").Done().Code);
        Assert.Equal("51003", exchange.CancelOrderAsync(Spot, null, null).Done().Code);
        Assert.Equal("51400", exchange.CancelOrderAsync(Spot, null, "nope").Done().Code);
        Assert.Equal("51400", exchange.CancelOrderAsync(Swap, null, "c1").Done().Code);   // wrong instrument
        Assert.Equal("51401", exchange.CancelOrderAsync(Spot, null, "c1").Done().Code);
        Assert.Equal("51402", exchange.CancelOrderAsync(Spot, "1", null).Done().Code);
    }
}
