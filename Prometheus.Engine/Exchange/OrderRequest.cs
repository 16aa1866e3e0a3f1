namespace Prometheus.Engine.Exchange;

/// <summary>An order as sent to the exchange. <see cref="Size"/> is in the instrument's unit (contracts for swaps).</summary>
public sealed record OrderRequest(
    string InstId,
    string ClOrdId,
    OrderSide Side,
    PositionSide PosSide,
    OrderType Type,
    decimal Size,
    decimal? Price = null,
    bool ReduceOnly = false);
