namespace Prometheus.Engine.Ledger;

/// <summary>
/// What booking one fill did to a private ledger. <see cref="NetRoundTrip"/> is set on closing fills:
/// the price PnL of the part closed less this fill's fee and that part's share of the opening fees.
/// </summary>
public readonly record struct FillEffect(
    TradeSide Side,
    decimal RealizedPnl,
    decimal CashDelta,
    decimal? NetRoundTrip,
    long HoldingMs,
    bool PositionClosed);
