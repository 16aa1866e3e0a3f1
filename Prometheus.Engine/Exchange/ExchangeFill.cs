namespace Prometheus.Engine.Exchange;

/// <summary>
/// One confirmed execution (GET /api/v5/trade/fills, or a push on the orders channel).
/// <see cref="TradeId"/> is unique per instrument and is the booking idempotency key.
/// <see cref="Fee"/> is positive when paid, in <see cref="FeeCcy"/> (OKX reports it negative).
/// An empty <see cref="ClOrdId"/> is a fill no Prometheus order caused (a liquidation, a manual trade).
/// </summary>
public sealed record ExchangeFill(
    string TradeId,
    string OrdId,
    string ClOrdId,
    string InstId,
    OrderSide Side,
    PositionSide PosSide,
    decimal Size,
    decimal Price,
    decimal Fee,
    string FeeCcy,
    long TimestampMs,
    bool IsLiquidation = false);
