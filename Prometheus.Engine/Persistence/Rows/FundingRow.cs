using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// One agent's share of one funding settlement (table Funding), append-only and never pruned, like Trades. Unique by
/// (InstId, FundingTimeMs, PosSide, AgentId): a second write of the same share is ignored. Money is TEXT (exact).
/// <see cref="Version"/> is the store version of the write; <see cref="RecordedAtMs"/> what point-in-time recovery selects on.
/// </summary>
public sealed class FundingRow
{
    public long FundingId { get; set; }
    public int AgentId { get; set; }
    public string InstId { get; set; } = "";
    public string PosSide { get; set; } = "";
    public long FundingTimeMs { get; set; }
    public decimal PositionAmount { get; set; }
    public decimal Rate { get; set; }
    public decimal MarkPrice { get; set; }
    public decimal Paid { get; set; }
    public string BillId { get; set; } = "";
    public long Version { get; set; }
    public long RecordedAtMs { get; set; }

    public FundingRecord ToRecord() =>
        new(FundingId, AgentId, Symbols.Intern(InstId), Enum.Parse<PositionSide>(PosSide), FundingTimeMs, PositionAmount, Rate, MarkPrice, Paid, BillId);
}
