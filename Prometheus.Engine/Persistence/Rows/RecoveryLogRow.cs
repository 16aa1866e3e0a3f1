namespace Prometheus.Engine.Persistence.Rows;

/// <summary>One recovery report (table RecoveryLog), written at every start, as JSON.</summary>
public sealed class RecoveryLogRow
{
    public long Id { get; set; }
    public long RecordedAtMs { get; set; }
    public string Decision { get; set; } = "";
    public string Report { get; set; } = "";
}
