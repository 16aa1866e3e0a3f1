namespace Prometheus.Engine.Persistence.Rows;

/// <summary>One capital decision of the Mastermind (table MastermindDecisions), numbered from 1 in the order made.</summary>
public sealed class DecisionRow
{
    public long Number { get; set; }
    public long TimestampMs { get; set; }
    public string Kind { get; set; } = "";
    public int? AgentId { get; set; }
    public string? InstId { get; set; }
    public decimal Amount { get; set; }
    public decimal PoolAfter { get; set; }
    public string Reason { get; set; } = "";
}
