using Prometheus.Engine.Tests;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// What every <see cref="IExchange"/> must do, run against the in-process simulated exchange and against the OKX gateway
/// talking to exchange-sim over loopback (REST + WebSockets): the same calls give the same answers, OKX's codes included.
/// </summary>
public abstract class ExchangeContractTests : IAsyncLifetime
{
    protected const string Spot = "BTC-USDT";
    protected const string Swap = "BTC-USDT-SWAP";
    private static int _sequence;

    protected IExchange Exchange { get; private set; } = null!;

    protected abstract Task<IExchange> CreateAsync();

    /// <summary>The market moves: the same bar for both instruments.</summary>
    protected abstract void Feed(Candle bar);

    protected abstract Task DisposeExchangeAsync();

    public async Task InitializeAsync()
    {
        Exchange = await CreateAsync();
        Feed(Bar(40_000m));
    }

    public Task DisposeAsync() => DisposeExchangeAsync();

    protected static Candle Bar(decimal close, decimal volume = 100m) => new(0, close, close + 5m, close - 5m, close, volume);

    protected static string NewClOrdId() => $"c{Environment.ProcessId % 1000}x{Interlocked.Increment(ref _sequence)}";

    [Fact]
    public void Instruments_are_BTC_USDT_spot_and_swap_with_OKX_specs()
    {
        Assert.Equal(TestInstruments.BtcUsdt, Exchange.Instruments.Single(i => i.InstId == Spot));
        Assert.Equal(TestInstruments.BtcUsdtSwap, Exchange.Instruments.Single(i => i.InstId == Swap));
    }

    [Fact]
    public async Task A_market_buy_fills_and_is_found_by_clOrdId_and_by_ordId()
    {
        var clOrdId = NewClOrdId();

        var ack = await Place(Spot, clOrdId, OrderSide.Buy, 0.01m);
        var fill = await NextFillAsync();
        var byClOrdId = await Exchange.GetOrderAsync(Spot, null, clOrdId);
        var byOrdId = await Exchange.GetOrderAsync(Spot, ack.OrdId, null);

        Assert.True(ack.Accepted, ack.Message);
        Assert.Equal((clOrdId, ack.OrdId, Spot, OrderSide.Buy, 0.01m), (fill.ClOrdId, fill.OrdId, fill.InstId, fill.Side, fill.Size));
        Assert.InRange(fill.Price, 39_995m, 40_010m);
        Assert.NotNull(byClOrdId);
        Assert.Equal(byClOrdId, byOrdId);
        Assert.Equal((OrderState.Filled, 0.01m, fill.Price, fill.Fee, OrderType.Market),
            (byClOrdId.State, byClOrdId.FilledSize, byClOrdId.AveragePrice, byClOrdId.Fee, byClOrdId.Type));
    }

    [Fact]
    public async Task Balances_follow_a_spot_buy_to_the_last_digit()
    {
        var before = (await Exchange.GetBalancesAsync()).Single(b => b.Ccy == "USDT");

        await Place(Spot, NewClOrdId(), OrderSide.Buy, 0.02m);
        var fill = await NextFillAsync();
        var after = await Exchange.GetBalancesAsync();

        var usdt = after.Single(b => b.Ccy == "USDT");
        Assert.Equal(before.Total - fill.Price * fill.Size - fill.Fee, usdt.Total);
        Assert.Equal(0.02m, after.Single(b => b.Ccy == "BTC").Total);
        Assert.All(after, b => Assert.Equal(b.Total, b.Available + b.Frozen));
    }

    [Fact]
    public async Task A_reused_clOrdId_is_refused_with_51016()
    {
        var clOrdId = NewClOrdId();
        await Place(Spot, clOrdId, OrderSide.Buy, 0.01m);

        var again = await Place(Spot, clOrdId, OrderSide.Buy, 0.01m);

        Assert.Equal("51016", again.Code);
    }

    [Fact]
    public async Task An_order_beyond_the_balance_is_refused_with_51008()
    {
        var ack = await Place(Spot, NewClOrdId(), OrderSide.Buy, 5m);

        Assert.Equal("51008", ack.Code);
        Assert.False(Exchange.Fills.TryRead(out _));
    }

    [Fact]
    public async Task Sizes_off_the_lot_or_below_the_minimum_are_refused()
    {
        Assert.Equal("51121", (await Place(Swap, NewClOrdId(), OrderSide.Buy, 0.15m)).Code);
        Assert.Equal("51020", (await Place(Spot, NewClOrdId(), OrderSide.Buy, 0.000001m)).Code);
    }

    [Fact]
    public async Task A_resting_limit_order_is_pending_until_cancelled_and_cancels_once()
    {
        var clOrdId = NewClOrdId();
        var ack = await Exchange.PlaceOrderAsync(new OrderRequest(Spot, clOrdId, OrderSide.Buy, PositionSide.Long, OrderType.Limit, 0.01m, 30_000m));

        var pending = await Exchange.GetPendingOrdersAsync(Spot);
        var cancel = await Exchange.CancelOrderAsync(Spot, ack.OrdId, null);
        var order = await Exchange.GetOrderAsync(Spot, null, clOrdId);
        var again = await Exchange.CancelOrderAsync(Spot, null, clOrdId);

        Assert.True(ack.Accepted, ack.Message);
        var resting = Assert.Single(pending);
        Assert.Equal((clOrdId, OrderState.Live, (decimal?)30_000m, OrderType.Limit), (resting.ClOrdId, resting.State, resting.Price, resting.Type));
        Assert.True(cancel.Accepted, cancel.Message);
        Assert.Equal(OrderState.Canceled, order!.State);
        Assert.Equal("51401", again.Code);
        Assert.Empty(await Exchange.GetPendingOrdersAsync());
    }

    [Fact]
    public async Task A_swap_long_opens_at_the_set_leverage_and_a_reduce_only_sell_closes_it()
    {
        var leverage = await Exchange.SetLeverageAsync(Swap, PositionSide.Long, 5m);
        await Place(Swap, NewClOrdId(), OrderSide.Buy, 2m);
        var open = await NextFillAsync();

        var position = Assert.Single(await Exchange.GetPositionsAsync(Swap));
        await Exchange.PlaceOrderAsync(new OrderRequest(Swap, NewClOrdId(), OrderSide.Sell, PositionSide.Long, OrderType.Market, 2m, ReduceOnly: true));
        var close = await NextFillAsync();

        Assert.True(leverage.Accepted, leverage.Message);
        Assert.Equal((Swap, PositionSide.Long, 2m, open.Price, 5m), (position.InstId, position.PosSide, position.Size, position.AveragePrice, position.Leverage));
        Assert.Equal(TestInstruments.BtcUsdtSwap.Notional(2m, open.Price) / 5m, position.Margin);
        Assert.True(position.LiquidationPrice is > 0m and < 40_000m);
        Assert.Equal((OrderSide.Sell, PositionSide.Long, 2m), (close.Side, close.PosSide, close.Size));
        Assert.Empty(await Exchange.GetPositionsAsync(Swap));
    }

    [Fact]
    public async Task Closing_more_than_the_position_is_refused_with_51112()
    {
        var ack = await Exchange.PlaceOrderAsync(new OrderRequest(Swap, NewClOrdId(), OrderSide.Sell, PositionSide.Long, OrderType.Market, 1m, ReduceOnly: true));

        Assert.Equal("51112", ack.Code);
    }

    [Fact]
    public async Task Leverage_above_the_maximum_is_refused_with_59102()
    {
        Assert.Equal("59102", (await Exchange.SetLeverageAsync(Swap, PositionSide.Short, 500m)).Code);
    }

    [Fact]
    public async Task Fills_and_order_history_list_what_happened_oldest_first()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        var first = await Place(Spot, NewClOrdId(), OrderSide.Buy, 0.01m);
        var a = await NextFillAsync();
        Feed(Bar(40_100m));
        var second = await Place(Swap, NewClOrdId(), OrderSide.Sell, 1m, PositionSide.Short);
        var b = await NextFillAsync();

        var fills = await Exchange.GetFillsAsync(null, since);
        var history = await Exchange.GetOrderHistoryAsync(null, since);

        Assert.Equal([a, b], fills);
        Assert.Equal([first.OrdId, second.OrdId], history.Select(o => o.OrdId));
        Assert.All(history, o => Assert.Equal(OrderState.Filled, o.State));
        Assert.Equal([b], await Exchange.GetFillsAsync(Swap, since));
    }

    [Fact]
    public async Task An_order_the_exchange_never_saw_is_null()
    {
        Assert.Null(await Exchange.GetOrderAsync(Spot, null, "neverplaced1"));
        Assert.Null(await Exchange.GetOrderAsync(Spot, "987654321", null));
    }

    protected async Task<OrderAck> Place(string instId, string clOrdId, OrderSide side, decimal size, PositionSide posSide = PositionSide.Long) =>
        await Exchange.PlaceOrderAsync(new OrderRequest(instId, clOrdId, side, posSide, OrderType.Market, size));

    protected async Task<ExchangeFill> NextFillAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await Exchange.Fills.ReadAsync(timeout.Token);
    }
}
