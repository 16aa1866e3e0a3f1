namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// One durable change (table Events): a booking, a funding share, a birth, a death, an order journal entry or a checkpoint, with
/// the full post-state of what it touched, as JSON. Replayed in <see cref="Version"/> order on top of a snapshot
/// to rebuild the engine at any moment since that snapshot.
/// </summary>
public sealed class EventRow
{
    public long Version { get; set; }
    /// <summary>Wall time of the write (Unix ms): what point-in-time recovery selects on.</summary>
    public long RecordedAtMs { get; set; }
    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "";
}
