using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Watches the OKX gateway's WebSockets: one that drops and is not back within <c>after</c> raises GatewayDisconnected
/// (once per outage), and another when it is back. Timers run on the injected clock; socket events arrive on the sockets'
/// threads, hence the lock.
/// </summary>
public sealed class GatewayWatch(AlertQueue queue, TimeSpan after, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Outage> _outages = new(StringComparer.Ordinal);

    // System.Threading.ITimer spelt out: prometheus-net's Prometheus.ITimer is nearer in this namespace.
    private sealed class Outage(DateTimeOffset since, System.Threading.ITimer timer)
    {
        public DateTimeOffset Since { get; } = since;
        public System.Threading.ITimer Timer { get; } = timer;
        public bool Alerted { get; set; }
    }

    public void Watch(IEnumerable<OkxWebSocketClient> sockets)
    {
        foreach (var socket in sockets)
        {
            var name = EngineMetrics.SocketName(socket.Url);
            socket.Dropped += () => Down(name);
            socket.Reconnected += _ => Up(name);
        }
    }

    /// <summary>The socket named <paramref name="socket"/> dropped: an alert after <c>after</c> unless it is back first.</summary>
    public void Down(string socket)
    {
        lock (_gate)
        {
            if (_outages.ContainsKey(socket)) return; // already down: the first drop counts
            _outages[socket] = new Outage(time.GetUtcNow(), time.CreateTimer(_ => StillDown(socket), null, after, Timeout.InfiniteTimeSpan));
        }
    }

    public void Up(string socket)
    {
        Outage? outage;
        lock (_gate)
        {
            if (!_outages.Remove(socket, out outage)) return;
            outage.Timer.Dispose();
        }
        if (outage.Alerted) queue.Raise(AlertKind.GatewayDisconnected, AlertTexts.GatewayBack(socket, time.GetUtcNow() - outage.Since));
    }

    private void StillDown(string socket)
    {
        lock (_gate)
        {
            if (!_outages.TryGetValue(socket, out var outage) || outage.Alerted) return;
            outage.Alerted = true;
        }
        queue.Raise(AlertKind.GatewayDisconnected, AlertTexts.GatewayDown(socket, after));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var outage in _outages.Values) outage.Timer.Dispose();
            _outages.Clear();
        }
    }
}
