using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// A bare WebSocket client for exchange-sim: sends any text, reads what comes back, logs in by hand. One loop reads the
/// socket into a queue (cancelling a ClientWebSocket's receive would abort the socket), so reads can time out safely.
/// </summary>
internal sealed class SimWsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _reading = Task.CompletedTask;

    public static async Task<SimWsClient> ConnectAsync(string url)
    {
        var client = new SimWsClient();
        await client._socket.ConnectAsync(new Uri(url), CancellationToken.None);
        client._reading = client.ReadAsync();
        return client;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _inbox.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // dropped, or disposed
        }
        _inbox.Writer.TryComplete();
    }

    public WebSocketState State => _socket.State;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next message, or null when none comes within <paramref name="timeout"/> (default 5 s) or the socket closed.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return await _inbox.Reader.ReadAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads until a JSON message satisfies <paramref name="match"/>; fails after 5 s.</summary>
    public async Task<JsonObject> ExpectAsync(Func<JsonObject, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var text = await ReceiveAsync(deadline - DateTime.UtcNow);
            Assert.NotNull(text);
            if (text != "pong" && JsonNode.Parse(text) is JsonObject json && match(json))
                return json;
        }
        throw new Xunit.Sdk.XunitException("no matching message within 5 s");
    }

    /// <summary>Proves the socket alive: "ping" is answered "pong" (other messages before it are skipped).</summary>
    public async Task<bool> PingAsync()
    {
        if (_socket.State != WebSocketState.Open)
            return false;
        await SendAsync("ping");
        while (await ReceiveAsync() is { } text)
        {
            if (text == "pong")
                return true;
        }
        return false;
    }

    /// <summary>Collects every message that arrives until <paramref name="quiet"/> passes without one.</summary>
    public async Task<List<string>> DrainAsync(TimeSpan quiet)
    {
        var messages = new List<string>();
        while (await ReceiveAsync(quiet) is { } text)
            messages.Add(text);
        return messages;
    }

    public async Task LoginAsync(string apiKey, string secret, string passphrase)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = OkxSigner.Sign(secret, OkxSigner.WebSocketLoginPrehash(timestamp));
        await SendAsync($$"""{"op":"login","args":[{"apiKey":"{{apiKey}}","passphrase":"{{passphrase}}","timestamp":"{{timestamp}}","sign":"{{sign}}"}]}""");
        await ExpectAsync(m => (string?)m["event"] == "login");
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Dispose();
        await _reading;
        _sending.Dispose();
    }
}
