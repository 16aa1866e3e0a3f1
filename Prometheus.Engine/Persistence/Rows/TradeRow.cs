using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// One public ledger record (table Trades), append-only and never pruned. Money is TEXT (EF Core's SQLite mapping
/// of decimal), so it round-trips exactly. <see cref="Version"/> is the store version of the booking that wrote it.
/// </summary>
public sealed class TradeRow
{
    public long TradeId { get; set; }
    public int AgentId { get; set; }
    public string InstId { get; set; } = "";
    public string Side { get; set; } = "";
    public string PosSide { get; set; } = "";
    public decimal Amount { get; set; }
    public decimal Price { get; set; }
    public decimal Fee { get; set; }
    public string OrdId { get; set; } = "";
    public string ClOrdId { get; set; } = "";
    public string ExchangeTradeId { get; set; } = "";
    public long TimestampMs { get; set; }
    public double Confidence { get; set; }
    public decimal RealizedPnl { get; set; }
    public string Origin { get; set; } = "";
    public long Version { get; set; }
    public long RecordedAtMs { get; set; }

    public TradeRecord ToRecord() => new(TradeId, AgentId, Symbols.Intern(InstId), TradeSideExtensions.FromWire(Side), Enum.Parse<PositionSide>(PosSide), Amount, Price, Fee,
        OrdId, ClOrdId, ExchangeTradeId, TimestampMs, Confidence, RealizedPnl, Enum.Parse<TradeOrigin>(Origin));
}
