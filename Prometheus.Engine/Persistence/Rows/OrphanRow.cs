namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// Exposure no agent owns (table Orphans): a trade by hand or under a foreign clOrdId, or a position difference, with
/// what a person decided about it. Kept so that every later reconciliation knows it.
/// </summary>
public sealed class OrphanRow
{
    public string Id { get; set; } = "";
    public string InstId { get; set; } = "";
    public string PosSide { get; set; } = "";
    public decimal Delta { get; set; }
    public decimal Price { get; set; }
    public decimal Fee { get; set; }
    public string? TradeId { get; set; }
    public string OrdId { get; set; } = "";
    public string ClOrdId { get; set; } = "";
    public long TimestampMs { get; set; }
    public string Reason { get; set; } = "";
    public string Status { get; set; } = "";
    /// <summary>The agent it was adopted by, when it was.</summary>
    public int? AgentId { get; set; }
    public long UpdatedAtMs { get; set; }
}
