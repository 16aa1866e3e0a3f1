namespace Prometheus.Engine.Persistence.Rows;

/// <summary>One audited action or correction (table AuditLog): who did what, and why.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public long RecordedAtMs { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Detail { get; set; } = "";
}
