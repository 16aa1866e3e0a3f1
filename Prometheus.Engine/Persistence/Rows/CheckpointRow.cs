namespace Prometheus.Engine.Persistence.Rows;

/// <summary>One checkpoint written (table Checkpoints): when, at which cycle, how many agents it carried.</summary>
public sealed class CheckpointRow
{
    public long Version { get; set; }
    /// <summary>Market time the engine stood at (Unix ms).</summary>
    public long TakenAtMs { get; set; }
    /// <summary>Wall time it became durable (Unix ms).</summary>
    public long RecordedAtMs { get; set; }
    public long Cycle { get; set; }
    public int Agents { get; set; }
    public long LastTradeId { get; set; }
}
