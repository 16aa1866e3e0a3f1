using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>
/// One booked fill: written only by the Supervisor, only after the exchange confirmed it, with the exchange's
/// actual fill price and fee. <see cref="TradeId"/> is the ledger's own sequence; <see cref="ExchangeTradeId"/>
/// (unique per instrument on the exchange) makes booking idempotent.
/// <see cref="RealizedPnl"/> is the price PnL of the part closed (before fees); fees are in <see cref="Fee"/>.
/// </summary>
public sealed record TradeRecord(
    long TradeId,
    int AgentId,
    string InstId,
    TradeSide Side,
    PositionSide PosSide,
    decimal Amount,
    decimal Price,
    decimal Fee,
    string OrdId,
    string ClOrdId,
    string ExchangeTradeId,
    long TimestampMs,
    double Confidence,
    decimal RealizedPnl,
    TradeOrigin Origin)
{
    /// <summary>Writes <paramref name="record"/> over the record of the same trade id in <paramref name="records"/>; false when there is none.</summary>
    internal static bool ReplaceById(List<TradeRecord> records, TradeRecord record)
    {
        var at = records.FindIndex(r => r.TradeId == record.TradeId);
        if (at < 0) return false;
        records[at] = record;
        return true;
    }
}
