using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// A simulated exchange with round numbers for hand-computed expectations: 100,000 USDT, 1 bps base slippage,
/// 100 bps per bar volume, no random slippage, 10% of a bar per order, leverage 3.
/// </summary>
internal sealed class SimulatedExchangeKit
{
    public const string Spot = "BTC-USDT";
    public const string Swap = "BTC-USDT-SWAP";

    /// <param name="create">How to make the exchange (default: the plain constructor, no store).</param>
    public SimulatedExchangeKit(
        Action<SimulatedExchangeOptions>? configure = null, int seed = 1,
        Func<SimulatedExchangeOptions, TimeProvider, Random, SimulatedExchange>? create = null)
    {
        Options = new SimulatedExchangeOptions
        {
            InitialBalance = 100_000m,
            BaseSlippageBps = 1m,
            ImpactBpsPerBarVolume = 100m,
            RandomSlippageBps = 0m,
            MaxBarParticipation = 0.10m,
            DefaultLeverage = 3m,
            MaxLeverage = 100m,
        };
        configure?.Invoke(Options);
        Exchange = create is null ? new SimulatedExchange(Options, Clock, new Random(seed)) : create(Options, Clock, new Random(seed));
    }

    public SimulatedExchangeOptions Options { get; }

    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The exchange; a test may swap in a reopened one.</summary>
    public SimulatedExchange Exchange { get; set; }

    public static Candle Bar(decimal close, decimal volume = 100m, decimal? low = null, decimal? high = null) =>
        new(0, close, high ?? close, low ?? close, close, volume);

    /// <summary>Feeds the same bar to both instruments, as the backtest does, one minute later.</summary>
    public void Feed(Candle bar)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        Exchange.OnBar(Spot, bar);
        Exchange.OnBar(Swap, bar);
    }

    public OrderAck Place(OrderRequest request) => Exchange.PlaceOrderAsync(request).Done();

    public OrderAck Market(string instId, string clOrdId, OrderSide side, decimal size, PositionSide posSide = PositionSide.Long, bool reduceOnly = false) =>
        Place(new OrderRequest(instId, clOrdId, side, posSide, OrderType.Market, size, null, reduceOnly));

    public OrderAck Limit(string instId, string clOrdId, OrderSide side, decimal size, decimal price, PositionSide posSide = PositionSide.Long) =>
        Place(new OrderRequest(instId, clOrdId, side, posSide, OrderType.Limit, size, price));

    public List<ExchangeFill> DrainFills()
    {
        var fills = new List<ExchangeFill>();
        while (Exchange.Fills.TryRead(out var fill))
            fills.Add(fill);
        return fills;
    }

    public ExchangeBalance Balance(string ccy) => Exchange.GetBalancesAsync().Done().Single(b => b.Ccy == ccy);

    public ExchangeOrder Order(string instId, string clOrdId) =>
        Exchange.GetOrderAsync(instId, null, clOrdId).Done() ?? throw new InvalidOperationException($"No order {clOrdId}.");

    public ExchangePosition? Position(PositionSide side) =>
        Exchange.GetPositionsAsync(Swap).Done().SingleOrDefault(p => p.PosSide == side);
}
