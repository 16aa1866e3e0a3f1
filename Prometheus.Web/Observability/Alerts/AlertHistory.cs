namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// The newest <see cref="Capacity"/> alerts with their delivery outcome, newest first, for GET /api/alerts and the
/// Alerts page. Written by the queue (made, dropped) and the dispatcher (sent); read from any thread; bounded.
/// </summary>
public sealed class AlertHistory
{
    public const int Capacity = 200;
    private readonly Lock _gate = new();
    private readonly LinkedList<AlertRecord> _records = [];
    private long _version;

    /// <summary>Moves at every change: a page re-reads only when it moved.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Added(Alert alert, IEnumerable<string> destinations)
    {
        var record = new AlertRecord(alert.Id, alert.Kind, alert.Message, alert.At, AlertOutcome.Pending,
            [.. destinations.Select(d => new AlertDelivery(d, AlertOutcome.Pending, 0, null))]);
        lock (_gate)
        {
            _records.AddFirst(record);
            while (_records.Count > Capacity) _records.RemoveLast();
        }
        Interlocked.Increment(ref _version);
    }

    /// <summary>Sets the alert's overall outcome and each destination's (every destination gets <paramref name="outcome"/> when none is given).</summary>
    public void Settled(long id, AlertOutcome outcome, IReadOnlyList<AlertDelivery>? deliveries = null)
    {
        lock (_gate)
        {
            for (var node = _records.First; node is not null; node = node.Next)
            {
                if (node.Value.Id != id) continue;
                node.Value = node.Value with
                {
                    Outcome = outcome,
                    Deliveries = deliveries ?? [.. node.Value.Deliveries.Select(d => d with { Outcome = outcome })],
                };
                break;
            }
        }
        Interlocked.Increment(ref _version);
    }

    /// <summary>Newest first, at most <paramref name="max"/>.</summary>
    public AlertRecord[] Recent(int max = Capacity)
    {
        lock (_gate) return [.. _records.Take(max)];
    }
}
