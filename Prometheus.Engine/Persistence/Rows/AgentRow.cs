namespace Prometheus.Engine.Persistence.Rows;

/// <summary>An agent in full as last committed (table Agents): its <c>AgentState</c> as JSON.</summary>
public sealed class AgentRow
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public bool Alive { get; set; }
    public string State { get; set; } = "";
    public long Version { get; set; }
}
