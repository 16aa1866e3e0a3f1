using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Prometheus.Web.ExchangeSim;

/// <summary>One client WebSocket: which endpoint it is on, whether it logged in, what it subscribed to, and its send queue (one writer, so pushes keep their order).</summary>
public sealed class SimSession(WebSocket socket, string endpoint, string connId)
{
    private volatile bool _loggedIn;
    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public WebSocket Socket { get; } = socket;

    /// <summary>public, business or private.</summary>
    public string Endpoint { get; } = endpoint;

    public string ConnId { get; } = connId;

    public bool LoggedIn
    {
        get => _loggedIn;
        set => _loggedIn = value;
    }

    public SimSubscriptions Subscriptions { get; } = new();

    public void Send(string text) => _outbox.Writer.TryWrite(text);

    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>Writes queued messages until the socket closes or the queue completes.</summary>
    public async Task PumpAsync(CancellationToken ct)
    {
        await foreach (var text in _outbox.Reader.ReadAllAsync(ct))
        {
            if (Socket.State != WebSocketState.Open)
                return;
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);
        }
    }
}
