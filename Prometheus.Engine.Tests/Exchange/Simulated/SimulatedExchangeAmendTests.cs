using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>Amending a resting limit order in place, as OKX's amend-order does.</summary>
public sealed class SimulatedExchangeAmendTests
{
    private readonly SimulatedExchangeKit _kit = new();

    public SimulatedExchangeAmendTests() => _kit.Feed(Bar(50_000m));

    [Fact]
    public void An_amended_buy_keeps_its_ids_and_reserves_for_its_new_size_and_price()
    {
        var placed = _kit.Limit(Spot, "a1", OrderSide.Buy, 0.1m, 40_000m);
        Assert.Equal(4_004m, _kit.Balance("USDT").Frozen);   // 4,000 + the taker fee a crossing fill would pay

        var ack = _kit.Exchange.AmendOrderAsync(Spot, null, "a1", 0.2m, 45_000m).Done();

        Assert.Equal(OrderAck.Ok("a1", placed.OrdId!), ack);
        var order = _kit.Order(Spot, "a1");
        Assert.Equal((placed.OrdId, 0.2m, (decimal?)45_000m, OrderState.Live), (order.OrdId, order.Size, order.Price, order.State));
        Assert.Equal(9_009m, _kit.Balance("USDT").Frozen);
        Assert.Empty(_kit.DrainFills());
    }

    [Fact]
    public void A_price_amended_across_the_market_fills_at_once_and_frees_the_reservation()
    {
        _kit.Limit(Spot, "a2", OrderSide.Buy, 0.1m, 40_000m);

        _kit.Exchange.AmendOrderAsync(Spot, null, "a2", null, 50_000m).Done();

        var fill = Assert.Single(_kit.DrainFills());
        Assert.Equal(("a2", 0.1m), (fill.ClOrdId, fill.Size));
        Assert.Equal(OrderState.Filled, _kit.Order(Spot, "a2").State);
        Assert.Equal(0m, _kit.Balance("USDT").Frozen);
        Assert.Empty(_kit.Exchange.GetPendingOrdersAsync().Done());
    }

    [Fact]
    public void A_close_order_amended_smaller_gives_contracts_back_to_the_position()
    {
        _kit.Market(Swap, "o1", OrderSide.Buy, 2m, PositionSide.Long);
        _kit.Limit(Swap, "c1", OrderSide.Sell, 2m, 60_000m, PositionSide.Long);
        Assert.Equal(0m, _kit.Exchange.AvailableToClose(Swap, PositionSide.Long));

        _kit.Exchange.AmendOrderAsync(Swap, null, "c1", 0.5m, null).Done();

        Assert.Equal(1.5m, _kit.Exchange.AvailableToClose(Swap, PositionSide.Long));
    }

    [Fact]
    public void Refusals_carry_OKXs_amend_codes_and_change_nothing()
    {
        _kit.Limit(Spot, "r1", OrderSide.Buy, 0.1m, 40_000m);
        _kit.Limit(Spot, "r2", OrderSide.Buy, 0.1m, 40_000m);
        _kit.Exchange.CancelOrderAsync(Spot, null, "r2").Done();
        _kit.Market(Spot, "r3", OrderSide.Buy, 0.01m);
        var frozen = _kit.Balance("USDT").Frozen;

        Assert.Equal(SimulatedExchange.AmendOrderNotFound, Amend("nope", 0.2m, null));
        Assert.Equal(SimulatedExchange.AmendCanceled, Amend("r2", 0.2m, null));
        Assert.Equal(SimulatedExchange.AmendCompleted, Amend("r3", 0.2m, null));
        Assert.Equal(OkxErrorCodes.InsufficientBalance, Amend("r1", 10m, null));
        Assert.Equal(OkxErrorCodes.ParameterError, Amend("r1", 0.1m, 40_000.05m));
        Assert.Equal(OkxErrorCodes.ParameterError, Amend("r1", null, null));

        Assert.Equal(frozen, _kit.Balance("USDT").Frozen);
        Assert.Equal((0.1m, (decimal?)40_000m), (_kit.Order(Spot, "r1").Size, _kit.Order(Spot, "r1").Price));
    }

    [Fact]
    public void An_amendment_is_committed_before_it_is_acknowledged()
    {
        using var folder = new TempDirectory();
        var path = folder.File("exchange.db");
        var options = new SimulatedExchangeOptions { RandomSlippageBps = 0m };
        using (var exchange = SimulatedExchange.Open(path, options, _kit.Clock, new Random(1)))
        {
            exchange.OnBar(Spot, Bar(50_000m));
            exchange.PlaceOrderAsync(new OrderRequest(Spot, "d1", OrderSide.Buy, PositionSide.Long, OrderType.Limit, 0.1m, 40_000m)).Done();
            exchange.AmendOrderAsync(Spot, null, "d1", null, 41_000m).Done();
        }

        using var reopened = SimulatedExchange.Open(path, options, _kit.Clock, new Random(1));
        Assert.Equal(41_000m, reopened.GetOrderAsync(Spot, null, "d1").Done()!.Price);
    }

    private string Amend(string clOrdId, decimal? size, decimal? price) =>
        _kit.Exchange.AmendOrderAsync(Spot, null, clOrdId, size, price).Done().Code;
}
