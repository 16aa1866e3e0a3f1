namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// The order journal (table Orders): every order Prometheus ever sent, written before it was sent, with its latest
/// state. Open ones (not Filled, Canceled or Rejected) are what a restart must look up on the exchange.
/// </summary>
public sealed class OrderRow
{
    public string ClOrdId { get; set; } = "";
    public int AgentId { get; set; }
    public string State { get; set; } = "";
    public string? OrdId { get; set; }
    public long CreatedMs { get; set; }
    /// <summary>The whole journal entry (request, origin, confidence) as JSON.</summary>
    public string Entry { get; set; } = "";
    public long Version { get; set; }
    public long RecordedAtMs { get; set; }
}
