namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// At most <c>maxPerMinute</c> alerts of one kind in any 60 seconds (by the injected clock): a flapping state or a busy
/// book cannot flood a chat. One reader (the dispatcher): not thread-safe.
/// </summary>
public sealed class AlertRateLimit(int maxPerMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<AlertKind, Queue<DateTimeOffset>> _sent = [];

    /// <summary>True, and counted, when an alert of <paramref name="kind"/> may go now.</summary>
    public bool TryTake(AlertKind kind)
    {
        var now = time.GetUtcNow();
        if (!_sent.TryGetValue(kind, out var sent)) _sent[kind] = sent = new Queue<DateTimeOffset>();
        while (sent.Count > 0 && now - sent.Peek() >= Window) sent.Dequeue();
        if (sent.Count >= maxPerMinute) return false;
        sent.Enqueue(now);
        return true;
    }
}
