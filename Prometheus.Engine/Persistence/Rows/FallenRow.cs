namespace Prometheus.Engine.Persistence.Rows;

/// <summary>One entry of Valhalla (table Valhalla): the fallen agent's record as JSON.</summary>
public sealed class FallenRow
{
    public int AgentId { get; set; }
    public string Name { get; set; } = "";
    public long DiedAtMs { get; set; }
    public string Reason { get; set; } = "";
    public decimal LifetimePnl { get; set; }
    public string Record { get; set; } = "";
    public long Version { get; set; }
}
