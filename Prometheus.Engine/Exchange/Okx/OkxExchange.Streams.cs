using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Prometheus.Engine.Exchange.Okx.Wire;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// The WebSockets: private (orders → <see cref="Fills"/>, positions, account), public (tickers), business (candles).
/// After every (re)connect of the private socket, pending orders and positions are fetched over REST
/// (<see cref="LastResync"/>) and fills since the last one seen are fetched and published when new, because the
/// orders channel replays nothing that happened while the socket was down.
/// </summary>
public sealed partial class OkxExchange
{
    private static readonly TimeSpan FillOverlap = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, OkxTicker> _tickers = new(StringComparer.Ordinal);
    private readonly Channel<(string InstId, OkxCandle Candle)> _candles = Channel.CreateBounded<(string, OkxCandle)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private long _lastFillMs;
    private long _startedMs;
    private int _resyncs;

    /// <summary>What the last (re)connect fetched over REST: pending orders and positions.</summary>
    public OkxResync? LastResync { get; private set; }

    /// <summary>How many times the private socket (re)connected and the state was re-fetched.</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>Raised after each re-fetch (its number, 1 = the first connect).</summary>
    public event Action<OkxResync>? Resynced;

    /// <summary>Candle pushes (confirmed and forming), per instrument; bounded, the oldest dropped when nobody reads.</summary>
    public ChannelReader<(string InstId, OkxCandle Candle)> Candles => _candles.Reader;

    /// <summary>The latest ticker pushed for <paramref name="instId"/>, if any.</summary>
    public OkxTicker? LatestTicker(string instId) => _tickers.GetValueOrDefault(instId);

    private async Task ConnectAsync(OkxCredentials credentials, OkxStreams streams, CancellationToken ct)
    {
        _startedMs = NowMs();
        Func<DateTimeOffset> serverNow = () => _time.GetUtcNow() + _rest.ClockOffset;
        var privateSocket = new OkxWebSocketClient(new Uri(_options.ResolvedPrivateWsUrl), _options, credentials, serverNow, _time, _logger);
        privateSocket.Subscribe(new OkxChannel("orders", InstType: "ANY"));
        privateSocket.Subscribe(new OkxChannel("positions", InstType: "ANY"));
        privateSocket.Subscribe(new OkxChannel("account"));
        privateSocket.Message += OnPrivateAsync;
        privateSocket.Connected += OnPrivateConnectedAsync;
        _sockets.Add(privateSocket);

        if (streams.HasFlag(OkxStreams.Tickers))
        {
            var publicSocket = new OkxWebSocketClient(new Uri(_options.ResolvedPublicWsUrl), _options, null, serverNow, _time, _logger);
            foreach (var instrument in _instruments)
                publicSocket.Subscribe(new OkxChannel("tickers", instrument.InstId));
            publicSocket.Message += OnPublicAsync;
            _sockets.Add(publicSocket);
        }
        if (streams.HasFlag(OkxStreams.Candles))
        {
            var businessSocket = new OkxWebSocketClient(new Uri(_options.ResolvedBusinessWsUrl), _options, null, serverNow, _time, _logger);
            foreach (var instrument in _instruments)
                businessSocket.Subscribe(new OkxChannel("candle" + _options.CandleBar, instrument.InstId));
            businessSocket.Message += OnPublicAsync;
            _sockets.Add(businessSocket);
        }
        // A socket that cannot connect keeps retrying in the background; startup waits for it only so long.
        var deadline = TimeSpan.FromSeconds(Math.Max(30, 3 * _options.RequestTimeoutSeconds));
        foreach (var socket in _sockets)
        {
            try
            {
                await socket.StartAsync(ct).WaitAsync(deadline, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new OkxApiException(OkxErrorKind.Network, "", $"WebSocket {socket.Url} did not connect within {deadline.TotalSeconds:0} s", $"WS {socket.Url}", inner: e);
            }
        }
    }

    private async ValueTask OnPrivateConnectedAsync(int connection)
    {
        try
        {
            var pending = await GetPendingOrdersAsync().ConfigureAwait(false);
            var positions = await GetPositionsAsync().ConfigureAwait(false);
            var recovered = connection > 1 ? await RecoverFillsAsync().ConfigureAwait(false) : 0;
            var resync = new OkxResync(connection, pending, positions, recovered);
            LastResync = resync;
            Interlocked.Increment(ref _resyncs);
            _logger.LogInformation("OKX private socket connection {Connection}: {Pending} pending orders, {Positions} positions, {Recovered} fills recovered",
                connection, pending.Count, positions.Count, recovered);
            Resynced?.Invoke(resync);
        }
        catch (OkxApiException e)
        {
            // The socket stays up; the next reconnect (or the engine's reconciliation) tries again.
            _logger.LogError("OKX re-fetch after connect failed: {Error}", e.Message);
        }
    }

    /// <summary>Fills since the last one seen (less a minute of overlap), published when not seen before.</summary>
    private async Task<int> RecoverFillsAsync()
    {
        var since = Math.Max(_startedMs, Interlocked.Read(ref _lastFillMs)) - (long)FillOverlap.TotalMilliseconds;
        var fills = await GetFillsAsync(null, since).ConfigureAwait(false);
        var published = 0;
        foreach (var fill in fills)
        {
            if (Publish(fill))
                published++;
        }
        return published;
    }

    private ValueTask OnPrivateAsync(JsonElement push) => ReadPush(push, "private", () =>
    {
        if (ChannelOf(push) != "orders")
            return;
        foreach (var item in push.GetProperty("data").EnumerateArray())
            if (item.Deserialize<OkxOrderPushWire>(OkxJson.Response) is { } wire && OkxMapper.ToFill(wire) is { } fill)
                Publish(fill);
    });

    private ValueTask OnPublicAsync(JsonElement push) => ReadPush(push, "public", () =>
    {
        var channel = ChannelOf(push);
        var instId = push.GetProperty("arg").TryGetProperty("instId", out var i) ? i.GetString() ?? "" : "";
        if (channel == "tickers")
        {
            foreach (var item in push.GetProperty("data").EnumerateArray())
            {
                var ticker = OkxTicker.From(item.Deserialize<OkxTickerWire>(OkxJson.Response)!);
                _tickers[ticker.InstId] = ticker;
            }
        }
        else if (channel.StartsWith("candle", StringComparison.Ordinal))
        {
            var kind = InstrumentOf(instId).Kind;
            foreach (var row in push.GetProperty("data").EnumerateArray())
                _candles.Writer.TryWrite((instId, OkxMapper.ToCandle(row.Deserialize<List<string>>()!, kind)));
        }
    });

    private static string ChannelOf(JsonElement push) => push.GetProperty("arg").GetProperty("channel").GetString() ?? "";

    /// <summary>
    /// Reads a push; one that is not as OKX documents it (a field missing or of another type, an unknown instrument) is a
    /// typed malformed error, which the socket logs and skips: the REST re-fetch after a reconnect covers what it carried.
    /// </summary>
    private static ValueTask ReadPush(JsonElement push, string socket, Action read)
    {
        try
        {
            read();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException
                                      or NullReferenceException or IndexOutOfRangeException)
        {
            throw OkxJson.Malformed($"{socket} push not as OKX documents it: {e.Message}", "WS " + socket, e);
        }
        return default;
    }

    /// <summary>Writes a fill to <see cref="Fills"/> unless its trade was published before.</summary>
    private bool Publish(ExchangeFill fill)
    {
        if (!_seenTrades.TryAdd(fill.InstId + "/" + fill.TradeId, 0))
            return false;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastFillMs);
        }
        while (fill.TimestampMs > last && Interlocked.CompareExchange(ref _lastFillMs, fill.TimestampMs, last) != last);
        return _fills.Writer.TryWrite(fill);
    }
}
