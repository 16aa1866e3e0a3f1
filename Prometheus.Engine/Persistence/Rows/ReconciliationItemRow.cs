namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// A reconciliation finding (table ReconciliationItems), by its deterministic id: when it was first and last seen,
/// and whether it is resolved. Its id tells later runs the finding is known, not new.
/// </summary>
public sealed class ReconciliationItemRow
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Case { get; set; } = "";
    /// <summary>The item as JSON.</summary>
    public string Item { get; set; } = "";
    public bool Resolved { get; set; }
    public bool Blocking { get; set; }
    public long FirstSeenAtMs { get; set; }
    public long LastSeenAtMs { get; set; }
}
