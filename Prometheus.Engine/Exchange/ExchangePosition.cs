namespace Prometheus.Engine.Exchange;

/// <summary>A hedge-mode position: one per (instrument, posSide), shared by every agent trading it.</summary>
public sealed record ExchangePosition(
    string InstId,
    PositionSide PosSide,
    decimal Size,               // contracts, positive
    decimal AveragePrice,
    decimal Leverage,
    decimal LiquidationPrice,
    decimal Margin,
    decimal UnrealizedPnl);
