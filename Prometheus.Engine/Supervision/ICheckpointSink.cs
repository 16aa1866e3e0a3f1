namespace Prometheus.Engine.Supervision;

/// <summary>
/// Where the trading loop hands checkpoints and snapshots, captured on the loop as immutable values; the sink
/// writes them elsewhere so saving never stalls trading.
/// </summary>
public interface ICheckpointSink
{
    /// <summary>Accepts a partial checkpoint (the agents changed since the previous one) for writing.</summary>
    void Checkpoint(EngineSnapshot checkpoint);

    /// <summary>A checkpoint with the equity curves' points at its time, written with it (one transaction where the sink has them).</summary>
    void Checkpoint(EngineSnapshot checkpoint, IReadOnlyList<EquityMark> equity) => Checkpoint(checkpoint);

    /// <summary>Accepts a full snapshot for writing.</summary>
    void Snapshot(EngineSnapshot snapshot);

    /// <summary>Completes once everything accepted so far is durable.</summary>
    Task FlushAsync(CancellationToken ct = default);

    /// <summary>When the last checkpoint became durable (Unix ms), or null before the first.</summary>
    long? LastCheckpointAtMs { get; }
}
