namespace Prometheus.Engine.Persistence.Rows;

/// <summary>An agent's private ledger as last committed (table Ledgers): its <c>PrivateLedgerState</c> as JSON (money exact).</summary>
public sealed class LedgerRow
{
    public int AgentId { get; set; }
    public string State { get; set; } = "";
    public long Version { get; set; }
}
