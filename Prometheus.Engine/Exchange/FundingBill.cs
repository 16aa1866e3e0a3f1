namespace Prometheus.Engine.Exchange;

/// <summary>
/// One funding settlement the exchange booked on one swap position (OKX: an account bill of type 8, subType 173
/// "funding fee expense" or 174 "funding fee income"). <see cref="BalanceChange"/> is in <see cref="Ccy"/> and, as
/// on OKX, negative when the position paid. <see cref="PositionSize"/> is the position (contracts) the rate was
/// applied to, at <see cref="MarkPrice"/>: <c>BalanceChange = −size × ctVal × mark × rate</c> for a long, the
/// opposite for a short. <see cref="BillId"/> is unique on the exchange. <see cref="BalanceAfter"/> is the
/// currency's balance right after the settlement (OKX's <c>bal</c>), when the exchange says.
/// </summary>
public sealed record FundingBill(
    string BillId,
    string InstId,
    PositionSide PosSide,
    long FundingTimeMs,
    decimal PositionSize,
    decimal MarkPrice,
    decimal Rate,
    decimal BalanceChange,
    string Ccy,
    decimal? BalanceAfter = null);
