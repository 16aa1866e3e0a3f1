namespace Prometheus.Engine.Exchange;

/// <summary>An order as the exchange knows it (GET /api/v5/trade/order).</summary>
public sealed record ExchangeOrder(
    string OrdId,
    string ClOrdId,
    string InstId,
    OrderSide Side,
    PositionSide PosSide,
    OrderType Type,
    decimal Size,
    decimal? Price,
    decimal FilledSize,
    decimal AveragePrice,
    decimal Fee,            // positive = paid, in the quote currency
    OrderState State,
    long CreatedMs,
    long UpdatedMs);
