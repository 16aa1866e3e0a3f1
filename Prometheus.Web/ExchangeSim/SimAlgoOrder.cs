using Prometheus.Engine.Exchange;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// A stop-loss and/or take-profit attached to an order (attachAlgoOrds): once the parent has filled, the first bar
/// that reaches a trigger closes the parent's filled size at market (one cancels the other), as OKX does for the
/// position while its owner is away. Plain data, kept durable by <see cref="SimAlgoBook"/>.
/// </summary>
public sealed record SimAlgoOrder(
    string AlgoId,
    string InstId,
    string ParentClOrdId,
    OrderSide ParentSide,
    PositionSide PosSide,
    decimal? StopLoss,
    decimal? TakeProfit)
{
    /// <summary>Fired, or dropped with a parent that never filled.</summary>
    public bool Done { get; init; }

    public OrderSide CloseSide => ParentSide == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>Whether a bar from <paramref name="low"/> to <paramref name="high"/> reaches a trigger.</summary>
    public bool TriggeredBy(decimal low, decimal high) => ParentSide == OrderSide.Buy
        ? (StopLoss is { } sl && low <= sl) || (TakeProfit is { } tp && high >= tp)
        : (StopLoss is { } sl2 && high >= sl2) || (TakeProfit is { } tp2 && low <= tp2);
}
