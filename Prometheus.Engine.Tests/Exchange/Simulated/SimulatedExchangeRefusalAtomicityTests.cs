using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// The simulated exchange checks an operation in full before it changes anything: an order too large to compute is
/// refused with 51000 (not an overflow), a refused close-position leaves the side's resting close orders, and leverage
/// set on both sides is set on both or neither.
/// </summary>
public sealed class SimulatedExchangeRefusalAtomicityTests
{
    private readonly SimulatedExchangeKit _kit = new();

    public SimulatedExchangeRefusalAtomicityTests() => _kit.Feed(Bar(50_000m));

    [Theory]
    [InlineData(Swap, "1000000000.1", "50000")]
    [InlineData(Spot, "79228162514264337593543950335", "50000")]
    [InlineData(Swap, "1000000000", "79228162514264337593543950335")]
    [InlineData(Spot, "1", "1000000000.1")]
    public void An_order_past_the_size_or_price_bound_is_51000_and_changes_nothing(string instId, string size, string price)
    {
        var before = _kit.Balance("USDT");

        var ack = _kit.Limit(instId, "big1", OrderSide.Buy,
            decimal.Parse(size, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(("51000", null), (ack.Code, ack.OrdId));
        Assert.Equal(before, _kit.Balance("USDT"));
        Assert.Null(_kit.Exchange.GetOrderAsync(instId, null, "big1").Done());
    }

    [Fact]
    public void An_amend_past_the_bounds_is_51000_and_the_order_rests_as_it_was()
    {
        _kit.Limit(Swap, "am1", OrderSide.Buy, 1m, 40_000m, PositionSide.Long);
        var frozen = _kit.Balance("USDT").Frozen;

        var size = _kit.Exchange.AmendOrderAsync(Swap, null, "am1", 79_228_162_514_264_337_593_543_950_335m, null).Done();
        var price = _kit.Exchange.AmendOrderAsync(Swap, null, "am1", null, 79_228_162_514_264_337_593_543_950_335m).Done();

        Assert.Equal(("51000", "51000"), (size.Code, price.Code));
        Assert.Equal((1m, 40_000m), (_kit.Order(Swap, "am1").Size, _kit.Order(Swap, "am1").Price));
        Assert.Equal(frozen, _kit.Balance("USDT").Frozen);
    }

    [Fact]
    public void Close_position_cancels_the_resting_close_orders_then_closes_the_whole_side_in_one_order()
    {
        _kit.Market(Swap, "s1", OrderSide.Sell, 3m, PositionSide.Short);
        _kit.Limit(Swap, "tp1", OrderSide.Buy, 2m, 40_000m, PositionSide.Short);

        var ack = _kit.Exchange.ClosePositionAsync(Swap, PositionSide.Short, "close1").Done();

        Assert.True(ack.Accepted, ack.Message);
        Assert.Equal(OrderState.Canceled, _kit.Order(Swap, "tp1").State);
        Assert.Equal((OrderState.Filled, 3m), (_kit.Order(Swap, "close1").State, _kit.Order(Swap, "close1").FilledSize));
        Assert.Null(_kit.Position(PositionSide.Short));
    }

    [Theory]
    [InlineData("s1", "51016")]        // the clOrdId is taken
    [InlineData("has-dash", "51000")]  // not a clOrdId
    public void A_refused_close_position_leaves_the_resting_close_orders_and_the_position(string clOrdId, string code)
    {
        _kit.Market(Swap, "s1", OrderSide.Sell, 3m, PositionSide.Short);
        _kit.Limit(Swap, "tp1", OrderSide.Buy, 2m, 40_000m, PositionSide.Short);
        _kit.DrainFills();

        var ack = _kit.Exchange.ClosePositionAsync(Swap, PositionSide.Short, clOrdId).Done();

        Assert.Equal(code, ack.Code);
        Assert.Equal(OrderState.Live, _kit.Order(Swap, "tp1").State);
        Assert.Equal(3m, _kit.Position(PositionSide.Short)!.Size);
        Assert.Empty(_kit.DrainFills());
    }

    [Fact]
    public void A_close_position_on_an_empty_bar_is_refused_before_anything_is_cancelled()
    {
        _kit.Market(Swap, "s1", OrderSide.Sell, 3m, PositionSide.Short);
        _kit.Limit(Swap, "tp1", OrderSide.Buy, 2m, 40_000m, PositionSide.Short);
        _kit.Feed(Bar(50_000m, volume: 0m));

        var ack = _kit.Exchange.ClosePositionAsync(Swap, PositionSide.Short, "close1").Done();

        Assert.Equal("51109", ack.Code);
        Assert.Equal(OrderState.Live, _kit.Order(Swap, "tp1").State);
    }

    [Fact]
    public void Close_position_without_a_position_is_51023()
    {
        Assert.Equal("51023", _kit.Exchange.ClosePositionAsync(Swap, PositionSide.Long, "c1").Done().Code);
    }

    [Fact]
    public void Leverage_for_both_sides_is_set_on_both_or_on_neither()
    {
        _kit.Market(Swap, "l1", OrderSide.Buy, 1m, PositionSide.Long);
        _kit.Limit(Swap, "s1", OrderSide.Sell, 1m, 60_000m, PositionSide.Short);   // resting on the short side: 59101
        var cash = _kit.Balance("USDT").Total;

        var refused = _kit.Exchange.SetLeverageAsync(Swap, [PositionSide.Long, PositionSide.Short], 10m).Done();
        _kit.Exchange.CancelOrderAsync(Swap, null, "s1").Done();
        var accepted = _kit.Exchange.SetLeverageAsync(Swap, [PositionSide.Long, PositionSide.Short], 10m).Done();

        Assert.Equal("59101", refused.Code);
        Assert.True(accepted.Accepted, accepted.Message);
        Assert.Equal(10m, _kit.Position(PositionSide.Long)!.Leverage);
        Assert.True(_kit.Balance("USDT").Total > cash);   // the long's margin re-based to 10x came back
    }
}
