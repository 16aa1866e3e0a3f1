using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// The OKX V5 gateway: an <see cref="IExchange"/> over REST (<see cref="OkxRestClient"/>) and three WebSockets
/// (<see cref="OkxWebSocketClient"/>: public tickers, business candles, private orders/positions/account).
/// Entry point: <see cref="CreateAsync"/>, which returns it connected (clock synced, instruments loaded, hedge mode
/// set, the private socket logged in and subscribed).
/// Invariants:
/// - An order POST is sent once. When its outcome is unknown (timeout, 50004, 5xx, a dropped connection) the order is
///   looked up by clOrdId; only if the lookup fails too does <see cref="PlaceOrderAsync"/> throw
///   <see cref="OkxOrderOutcomeUnknownException"/> (a <see cref="TimeoutException"/>), never "failed".
/// - <see cref="Fills"/> carries each trade once (deduplicated by tradeId), from the orders channel and from the fills
///   fetched over REST after every (re)connect, since the orders channel replays nothing.
/// - Thread-safe: WebSocket pushes arrive on their own threads; the engine calls from its loop.
/// </summary>
public sealed partial class OkxExchange : IExchange, IAsyncDisposable
{
    private readonly OkxOptions _options;
    private readonly OkxRestClient _rest;
    private readonly HttpClient? _ownedHttp;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<ExchangeFill> _fills = Channel.CreateUnbounded<ExchangeFill>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _seenTrades = new(StringComparer.Ordinal);
    private readonly List<OkxWebSocketClient> _sockets = [];
    private List<Instrument> _instruments = [];

    private OkxExchange(OkxOptions options, OkxRestClient rest, HttpClient? ownedHttp, TimeProvider time, ILogger logger)
    {
        _options = options;
        _rest = rest;
        _ownedHttp = ownedHttp;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Connects to OKX (or exchange-sim) and returns the gateway ready to trade.
    /// </summary>
    /// <param name="options">Validated options with credentials (<see cref="OkxOptions.Credentials"/>).</param>
    /// <param name="handler">The HTTP handler (null: a pooled SocketsHttpHandler owned by the gateway); tests inject faults here.</param>
    /// <param name="instIds">Instruments to trade (symbols); null: those traded by default.</param>
    /// <param name="catalog">The configured instruments, whose fees the venue's specs are completed with; null: the shipped catalog.</param>
    /// <param name="streams">Which WebSockets to open; the private one always.</param>
    /// <exception cref="OkxApiException">OKX refused (bad key 50111, bad signature 50113, wrong environment 50101, ...) or is unreachable.</exception>
    public static async Task<OkxExchange> CreateAsync(
        OkxOptions options, HttpMessageHandler? handler, TimeProvider time, ILogger logger, CancellationToken ct,
        IReadOnlyList<string>? instIds = null, OkxStreams streams = OkxStreams.All, InstrumentCatalog? catalog = null)
    {
        catalog ??= InstrumentCatalog.Shipped;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var credentials = options.Credentials();
        var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;   // each attempt has its own timeout (RequestTimeoutSeconds)
        var rest = new OkxRestClient(http, options, credentials, time, logger);
        var exchange = new OkxExchange(options, rest, http, time, logger);
        try
        {
            logger.LogInformation("OKX gateway starting: {Options}", options);
            await rest.SyncClockAsync(ct).ConfigureAwait(false);
            await exchange.LoadInstrumentsAsync(instIds ?? DefaultTraded.Select(i => i.InstId).ToList(), catalog, ct).ConfigureAwait(false);
            await exchange.EnsureHedgeModeAsync(ct).ConfigureAwait(false);
            await exchange.ConnectAsync(credentials, streams, ct).ConfigureAwait(false);
            return exchange;
        }
        catch
        {
            await exchange.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A gateway over REST only, with known instruments and no sockets: for tests of the order path.</summary>
    internal static OkxExchange CreateRestOnly(OkxOptions options, HttpClient http, TimeProvider time, ILogger logger)
    {
        var rest = new OkxRestClient(http, options, options.Credentials(), time, logger, new OkxRateLimiter(time, _ => 1000));
        return new OkxExchange(options, rest, null, time, logger) { _instruments = [.. DefaultTraded] };
    }

    public IReadOnlyList<Instrument> Instruments => _instruments;

    private static IEnumerable<Instrument> DefaultTraded =>
        Supervision.MastermindOptions.DefaultInstrumentIds.Select(InstrumentCatalog.Shipped.Get);

    /// <summary>Confirmed fills, each trade once, in the order they reached the gateway.</summary>
    public ChannelReader<ExchangeFill> Fills => _fills.Reader;

    /// <summary>The REST transport (rate limiter, breaker, clock offset, request counts).</summary>
    public OkxRestClient Rest => _rest;

    public OkxOptions Options => _options;

    /// <summary>The open WebSockets (private first).</summary>
    public IReadOnlyList<OkxWebSocketClient> Sockets => _sockets;

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
            await socket.DisposeAsync().ConfigureAwait(false);
        _sockets.Clear();
        _fills.Writer.TryComplete();
        _rest.Limiter.Dispose();
        _ownedHttp?.Dispose();
    }

    private Instrument InstrumentOf(string instId) =>
        _instruments.FirstOrDefault(i => i.InstId == instId)
        ?? throw new ArgumentException($"{instId} is not one of the instruments this gateway loaded ({string.Join(", ", _instruments.Select(i => i.InstId))}).", nameof(instId));

    private async Task LoadInstrumentsAsync(IReadOnlyList<string> instIds, InstrumentCatalog catalog, CancellationToken ct)
    {
        var list = new List<Instrument>();
        foreach (var instId in instIds)
        {
            var instType = instId.EndsWith("-SWAP", StringComparison.Ordinal) ? "SWAP" : "SPOT";
            var data = await _rest.GetAsync<Wire.OkxInstrumentWire>("/api/v5/public/instruments",
                [new("instType", instType), new("instId", instId)], signed: false, ct).ConfigureAwait(false);
            if (data.Count == 0)
                throw new OkxApiException(OkxErrorKind.Parameter, "51001", $"Instrument ID {instId} does not exist", "GET /api/v5/public/instruments");
            list.Add(OkxMapper.ToInstrument(data[0], catalog));
        }
        _instruments = list;
    }

    /// <summary>Hedge mode (long_short_mode) is what the engine trades in; switched on when the account is in net mode.</summary>
    private async Task EnsureHedgeModeAsync(CancellationToken ct)
    {
        var config = await GetAccountConfigAsync(ct).ConfigureAwait(false);
        if (config.PosMode == "long_short_mode")
            return;
        _logger.LogWarning("OKX account is in {PosMode}; switching to long_short_mode (hedge)", config.PosMode);
        await SetPositionModeAsync("long_short_mode", ct).ConfigureAwait(false);
    }
}
