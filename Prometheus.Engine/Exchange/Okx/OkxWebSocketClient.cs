using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// One OKX WebSocket (public, business or private) kept alive: connect, log in (private: signs Unix seconds + GET +
/// /users/self/verify), subscribe, read pushes. Heartbeat: when nothing arrived for HeartbeatSeconds it sends the
/// text "ping" and expects "pong" (or anything) within PongTimeoutSeconds, else it drops the socket. Any drop or
/// failure reconnects with exponential backoff (ReconnectBaseDelaySeconds doubling to ReconnectMaxDelaySeconds),
/// logs in and subscribes again, then raises <see cref="Connected"/> so the owner re-fetches over REST what the
/// channels do not replay (the orders channel sends no snapshot).
/// </summary>
public sealed class OkxWebSocketClient : IAsyncDisposable
{
    private readonly Uri _url;
    private readonly OkxOptions _options;
    private readonly OkxCredentials? _login;
    private readonly Func<DateTimeOffset> _serverNow;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<OkxChannel> _channels = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _socket;
    private Task? _run;
    private int _connections;

    /// <param name="serverNow">The exchange's clock (local clock plus the measured offset): the login timestamp must be within 30 s of it.</param>
    public OkxWebSocketClient(Uri url, OkxOptions options, OkxCredentials? login, Func<DateTimeOffset> serverNow, TimeProvider time, ILogger logger)
    {
        _url = url ?? throw new ArgumentNullException(nameof(url));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _login = login;
        _serverNow = serverNow ?? throw new ArgumentNullException(nameof(serverNow));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>A push: an object with "arg" and "data".</summary>
    public event Func<JsonElement, ValueTask>? Message;

    /// <summary>After every (re)connect, once logged in and subscribed; the argument counts connections (1 = first).</summary>
    public event Func<int, ValueTask>? Connected;

    /// <summary>A connection that was up went down (it reconnects by itself; <see cref="Connected"/> says when it is back).</summary>
    public event Action? Dropped;

    /// <summary>The connection is back after a drop (logged in and subscribed again); the argument counts connections (2 = the first reconnect).</summary>
    public event Action<int>? Reconnected;

    public int Connections => Volatile.Read(ref _connections);

    public long PingsSent { get; private set; }

    public Uri Url => _url;

    public void Subscribe(OkxChannel channel) => _channels.Add(channel);

    /// <summary>Starts the connection loop and waits for the first successful connection (or <paramref name="ct"/>).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _run ??= Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        await _firstConnect.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Drops the current socket as a network failure would (tests; also used after a failed ping).</summary>
    public void Abort() => _socket?.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            _socket = socket;
            var up = false;
            try
            {
                await socket.ConnectAsync(_url, stop).ConfigureAwait(false);
                if (_login is not null)
                    await LoginAsync(socket, stop).ConfigureAwait(false);
                if (_channels.Count > 0)
                    await SubscribeAsync(socket, stop).ConfigureAwait(false);
                failures = 0;
                up = true;
                var number = Interlocked.Increment(ref _connections);
                _logger.LogInformation("OKX WebSocket {Url} connected (connection {Number})", _url, number);
                if (Connected is { } connected)
                    await connected(number).ConfigureAwait(false);
                if (number > 1) Reconnected?.Invoke(number);
                _firstConnect.TrySetResult();
                await ReadAsync(socket, stop).ConfigureAwait(false);
                _logger.LogWarning("OKX WebSocket {Url} dropped; reconnecting", _url);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong, the loop lives on: a connection is only ever retried, never abandoned.
                failures++;
                _logger.LogWarning("OKX WebSocket {Url} failed: {Message}", _url, e.Message);
                if (e is OkxApiException { Kind: OkxErrorKind.Authentication or OkxErrorKind.InvalidSignature or OkxErrorKind.WrongEnvironment } fatal
                    && _connections == 0)
                {
                    _firstConnect.TrySetException(fatal);   // bad credentials: retrying will not help, say so at once
                    return;
                }
            }
            finally
            {
                _socket = null;
            }
            if (up && !stop.IsCancellationRequested) Dropped?.Invoke();
            var delay = Backoff(failures);
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var seconds = _options.ReconnectBaseDelaySeconds * Math.Pow(2, Math.Max(0, failures - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, _options.ReconnectMaxDelaySeconds));
    }

    private async Task LoginAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var login = _login!;
        var seconds = _serverNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await SendJsonAsync(socket, new
        {
            op = "login",
            args = new[]
            {
                new { apiKey = login.ApiKey, passphrase = login.Passphrase, timestamp = seconds, sign = OkxSigner.SignWebSocketLogin(login, seconds) },
            },
        }, ct).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        while (true)
        {
            var text = await ReceiveTextAsync(socket, timeout.Token).ConfigureAwait(false)
                       ?? throw new WebSocketException("closed during login");
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (!root.TryGetProperty("event", out var ev))
                continue;
            var code = root.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
            var msg = root.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : "";
            if (ev.GetString() == "login" && code == "0")
                return;
            if (ev.GetString() is "login" or "error")
                throw OkxErrors.FromCode(code, msg, $"WS login {_url}");
        }
    }

    /// <summary>
    /// Subscribes and waits for every channel's answer ({"event":"subscribe"} or an error), so that "connected" means
    /// pushes flow: anything that happens after it reaches this socket. Pushes arriving meanwhile are handled as usual.
    /// </summary>
    private async Task SubscribeAsync(ClientWebSocket socket, CancellationToken ct)
    {
        await SendJsonAsync(socket, new { op = "subscribe", args = _channels.Select(c => c.ToArg()).ToList() }, ct).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        var answered = 0;
        while (answered < _channels.Count)
        {
            var text = await ReceiveTextAsync(socket, timeout.Token).ConfigureAwait(false)
                       ?? throw new WebSocketException("closed during subscribe");
            if (text.Contains("\"event\"", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("event", out var ev) && ev.GetString() is "subscribe" or "error")
                {
                    answered++;
                    if (ev.GetString() == "error")
                        _logger.LogError("OKX WebSocket {Url} refused a subscription: {Text}", _url, OkxJson.Truncate(text, 200));
                    continue;
                }
            }
            await HandleAsync(text).ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var heartbeat = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
        var pongTimeout = TimeSpan.FromSeconds(_options.PongTimeoutSeconds);
        var receive = ReceiveTextAsync(socket, stop);
        while (true)
        {
            if (!await ArrivesWithinAsync(receive, heartbeat, stop).ConfigureAwait(false))
            {
                await SendTextAsync(socket, "ping", stop).ConfigureAwait(false);
                PingsSent++;
                if (!await ArrivesWithinAsync(receive, pongTimeout, stop).ConfigureAwait(false))
                {
                    _logger.LogWarning("OKX WebSocket {Url}: no pong within {Seconds} s", _url, pongTimeout.TotalSeconds);
                    socket.Abort();
                    return;
                }
            }
            var text = await receive.ConfigureAwait(false);
            if (text is null)
                return;
            await HandleAsync(text).ConfigureAwait(false);
            receive = ReceiveTextAsync(socket, stop);
        }
    }

    private async Task<bool> ArrivesWithinAsync(Task<string?> receive, TimeSpan within, CancellationToken stop)
    {
        if (receive.IsCompleted)
            return true;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var delay = Task.Delay(within, _time, cts.Token);
        var first = await Task.WhenAny(receive, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        stop.ThrowIfCancellationRequested();
        return first == receive;
    }

    private async ValueTask HandleAsync(string text)
    {
        if (text == "pong")
            return;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            _logger.LogError("OKX WebSocket {Url} sent something that is not JSON ({Error}): {Text}", _url, e.Message, OkxJson.Truncate(text, 200));
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return;
            if (root.TryGetProperty("event", out var ev))
            {
                if (ev.GetString() == "error")
                    _logger.LogError("OKX WebSocket {Url} error: {Text}", _url, OkxJson.Truncate(text, 200));
                return;
            }
            if (root.TryGetProperty("data", out _) && Message is { } handler)
            {
                try
                {
                    await handler(root).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A push the gateway cannot read is logged and skipped; the REST re-fetch after a reconnect covers it.
                    _logger.LogError("OKX WebSocket {Url} push not understood: {Error}; {Text}", _url, e.Message, OkxJson.Truncate(text, 200));
                }
            }
        }
    }

    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }

    private static Task SendJsonAsync(ClientWebSocket socket, object payload, CancellationToken ct) =>
        SendTextAsync(socket, JsonSerializer.Serialize(payload), ct);

    private static async Task SendTextAsync(ClientWebSocket socket, string text, CancellationToken ct) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
}
