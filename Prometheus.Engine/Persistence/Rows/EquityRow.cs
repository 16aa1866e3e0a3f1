namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// One point of an equity curve (table EquityPoints): agent 0 is the population. Written with the checkpoint that
/// was taken at the same time, in its transaction; unique by (AgentId, TimeMs), so a point written twice is kept once.
/// </summary>
public sealed class EquityRow
{
    public int AgentId { get; set; }
    public long TimeMs { get; set; }
    public decimal Equity { get; set; }
    public decimal? MarketPrice { get; set; }
    /// <summary>The population's point: each traded coin's price then, as JSON ({"BTC":16500.5,...}); null on an agent's point and before the column.</summary>
    public string? Prices { get; set; }
}
