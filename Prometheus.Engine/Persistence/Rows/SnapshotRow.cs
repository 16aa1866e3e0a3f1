namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// One full snapshot file in &lt;DataDir&gt;/snapshots (table Snapshots): its name, size and SHA-256, verified on load.
/// A row is written only after its file is on disk, so a row always names a complete file unless the disk lied.
/// </summary>
public sealed class SnapshotRow
{
    public long Version { get; set; }
    public string File { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Bytes { get; set; }
    public long TakenAtMs { get; set; }
    public long RecordedAtMs { get; set; }
    public long Cycle { get; set; }
    public long LastTradeId { get; set; }
}
