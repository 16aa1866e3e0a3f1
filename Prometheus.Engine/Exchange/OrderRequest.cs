namespace Prometheus.Engine.Exchange;

/// <summary>
/// An order as sent to the exchange. <see cref="Size"/> is in the instrument's unit (contracts for swaps).
/// <see cref="StopLossPrice"/> and <see cref="TakeProfitPrice"/> are protective exits the exchange attaches to the
/// position when the order fills (OKX attachAlgoOrds, triggered on the last price, closing at market), so the
/// position stays protected while Prometheus is down. exchange-sim honours them; the embedded
/// <see cref="Simulated.SimulatedExchange"/> does not (in paper trading Prometheus's own exit rules run in process).
/// </summary>
public sealed record OrderRequest(
    string InstId,
    string ClOrdId,
    OrderSide Side,
    PositionSide PosSide,
    OrderType Type,
    decimal Size,
    decimal? Price = null,
    bool ReduceOnly = false,
    decimal? StopLossPrice = null,
    decimal? TakeProfitPrice = null);
