using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Wire = Prometheus.Engine.Exchange.Okx.Wire;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The state behind exchange-sim: one durable <see cref="SimulatedExchange"/> (committed before it acknowledges), the
/// replayed <see cref="SimMarket"/>, and the <see cref="SimPushHub"/> of WebSocket sessions. The simulated exchange is
/// single-threaded by design, so every request runs inside <see cref="Run{T}"/> under one lock; what an operation
/// changed (fills, orders, positions, the account) is pushed to subscribers after it.
/// </summary>
public sealed class ExchangeSimServer : IDisposable
{
    /// <summary>OKX's name of a margin mode (tdMode, mgnMode).</summary>
    public static string MgnMode(SimulatedMarginMode mode) => mode == SimulatedMarginMode.Cross ? "cross" : "isolated";

    /// <summary>A margin mode from OKX's name; null for anything else.</summary>
    public static SimulatedMarginMode? ParseMgnMode(string? name) => name switch
    {
        "isolated" => SimulatedMarginMode.Isolated,
        "cross" => SimulatedMarginMode.Cross,
        _ => null,
    };
    private readonly Lock _lock = new();
    private readonly SimulatedExchange _exchange;
    private readonly List<ExchangeOrder> _touched = [];
    private long _unexpectedFailures;

    /// <summary>Each listed instrument's market (one series prices all: every one is <see cref="Market"/>).</summary>
    private readonly Dictionary<string, SimMarket> _marketOf = new(StringComparer.Ordinal);
    /// <summary>The markets other than <see cref="Market"/>, moved bar for bar with it.</summary>
    private readonly List<SimMarket> _others = [];

    /// <param name="funding">The funding rates the exchange settles, served as the funding-rate history.</param>
    public ExchangeSimServer(SimulatedExchange exchange, SimMarket market, SimAlgoBook algos, ExchangeSimOptions options, TimeProvider time,
        ILogger<ExchangeSimServer> logger, FundingRates funding)
        : this(exchange, market, new Dictionary<string, SimMarket>(), algos, options, time, logger, funding)
    {
    }

    /// <param name="market">The primary market: its bars pace the replay, and it prices every instrument <paramref name="byInstrument"/> does not name.</param>
    /// <param name="byInstrument">Markets of other series by instrument id, aligned to <paramref name="market"/> (the same bar times).</param>
    public ExchangeSimServer(SimulatedExchange exchange, SimMarket market, IReadOnlyDictionary<string, SimMarket> byInstrument, SimAlgoBook algos,
        ExchangeSimOptions options, TimeProvider time, ILogger<ExchangeSimServer> logger, FundingRates funding)
    {
        foreach (var (instId, other) in byInstrument)
        {
            _marketOf[instId] = other;
            if (other != market && !_others.Contains(other)) _others.Add(other);
        }
        _exchange = exchange;
        Funding = funding;
        Algos = algos;
        algos.DropOrphans(exchange);
        Market = market;
        Options = options;
        Time = time;
        Logger = logger;
        Hub = new SimPushHub(logger);
        Limiter = new OkxRateLimiter(time);
        // A fresh exchange has no price: give it the last history bar so it can trade at once.
        if (exchange.Instruments.All(i => exchange.LastBar(i.InstId) is null))
            Feed(market.Last, _others.ToDictionary(m => m, m => m.Last));
    }

    /// <summary>The primary market: the one whose bars pace the replay.</summary>
    public SimMarket Market { get; }

    /// <summary>The market that prices <paramref name="instId"/>: its own series, else the primary one.</summary>
    public SimMarket MarketFor(string instId) => _marketOf.GetValueOrDefault(instId) ?? Market;

    /// <summary>The spec of one of the instruments the exchange lists (an order or fill can name no other).</summary>
    public Instrument InstrumentOf(string instId) => _exchange.Instruments.First(i => i.InstId == instId);

    public ILogger Logger { get; }

    /// <summary>The rates the exchange settles funding at (recorded history, the default rate elsewhere).</summary>
    public FundingRates Funding { get; }

    /// <summary>Attached stop-loss / take-profit orders (use under <see cref="Run{T}"/>).</summary>
    public SimAlgoBook Algos { get; }

    public ExchangeSimOptions Options { get; }

    public TimeProvider Time { get; }

    public SimPushHub Hub { get; }

    /// <summary>Faults to inject and request counts (tests).</summary>
    public SimFaults Faults { get; } = new();

    /// <summary>Failures no answer was made for (the last-resort handler's, and frames a WebSocket could not handle): 0 unless there is a bug.</summary>
    public long UnexpectedFailures => Interlocked.Read(ref _unexpectedFailures);

    /// <summary>Enforces OKX's per-endpoint limits (50011 past them).</summary>
    public OkxRateLimiter Limiter { get; }

    public IReadOnlyList<Instrument> Instruments => _exchange.Instruments;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public string FeeCcy => "USDT";

    /// <summary>Runs <paramref name="operation"/> on the exchange under the lock, then pushes what it changed.</summary>
    public T Run<T>(Func<SimulatedExchange, T> operation)
    {
        T result;
        List<SimPush> pushes;
        lock (_lock)
        {
            result = operation(_exchange);
            pushes = CollectPushes();
        }
        Hub.Publish(pushes);
        return result;
    }

    public void RecordUnexpectedFailure() => Interlocked.Increment(ref _unexpectedFailures);

    /// <summary>Marks an order changed without a fill (placed resting, cancelled, amended): it is pushed on the orders channel.</summary>
    public void Touched(ExchangeOrder? order)
    {
        if (order is not null)
            _touched.Add(order);
    }

    /// <summary>Publishes the bars the replay has made due (the pacer calls this).</summary>
    public int PublishDueBars()
    {
        List<Candle> due;
        lock (_lock)
            due = Market.Due(NowMs);
        foreach (var bar in due)
            Feed(bar, NextOfOthers());
        return due.Count;
    }

    /// <summary>The other markets' next bars, taken: a bar time moves every series at once.</summary>
    private Dictionary<SimMarket, Candle>? NextOfOthers()
    {
        if (_others.Count == 0) return null;
        lock (_lock)
            return _others.ToDictionary(m => m, m => m.Next());
    }

    /// <summary>Publishes the next bar of the file now (tests drive the market with this when Speed is 0).</summary>
    public Candle NextBar()
    {
        Candle bar;
        lock (_lock)
            bar = Market.Next();
        Feed(bar, NextOfOthers());
        return bar;
    }

    /// <summary>Publishes <paramref name="bar"/> (tests choose prices with this).</summary>
    public void PushBar(Candle bar)
    {
        lock (_lock)
        {
            Market.Append(bar);
            bar = Market.Last;
            foreach (var other in _others) other.Append(bar);
        }
        Feed(bar, _others.Count == 0 ? null : _others.ToDictionary(m => m, m => m.Last));
    }

    public void Dispose()
    {
        lock (_lock)
            _exchange.Dispose();
        Limiter.Dispose();
    }

    /// <summary>One bar time: <paramref name="bar"/> of the primary market, <paramref name="others"/> the other markets' bars at that time.</summary>
    private void Feed(Candle bar, Dictionary<SimMarket, Candle>? others)
    {
        Candle BarOf(string instId) => others is not null && _marketOf.GetValueOrDefault(instId) is { } market && market != Market ? others[market] : bar;
        Run(exchange =>
        {
            foreach (var instrument in exchange.Instruments)
                exchange.OnBar(instrument.InstId, BarOf(instrument.InstId));
            Algos.OnBar(exchange, BarOf);
            return 0;
        });
        var pushes = new List<SimPush>();
        lock (_lock)
        {
            foreach (var instrument in _exchange.Instruments)
            {
                var market = MarketFor(instrument.InstId);
                var own = BarOf(instrument.InstId);
                // Every served bar's newest candle: a coarser one still forming goes out with confirm 0, as OKX pushes it.
                foreach (var served in market.ServedBars)
                {
                    var candle = market.CandleAt(served, own);
                    pushes.Add(SimPush.Public("candle" + served.Name, instrument.InstId,
                        [OkxWireWriter.Candle(candle.Bar, instrument, candle.Confirmed)]));
                }
                // A finer bar's candles became whole with this replayed bar (where the finer series covers it): each once, confirmed.
                foreach (var finer in market.FinerBars)
                {
                    foreach (var candle in market.FinerCandlesIn(finer, own))
                        pushes.Add(SimPush.Public("candle" + finer.Name, instrument.InstId,
                            [OkxWireWriter.Candle(candle.Bar, instrument, candle.Confirmed)]));
                }
                pushes.Add(SimPush.Public("tickers", instrument.InstId, [market.Ticker(instrument)]));
            }
        }
        Hub.Publish(pushes);
    }

    /// <summary>What the last operation changed, as pushes: fills (with their orders), touched orders, positions, account.</summary>
    private List<SimPush> CollectPushes()
    {
        var pushes = new List<SimPush>();
        var changedSwaps = new HashSet<string>(StringComparer.Ordinal);
        var anything = _touched.Count > 0;
        while (_exchange.Fills.TryRead(out var fill))
        {
            anything = true;
            var order = _exchange.GetOrderAsync(fill.InstId, fill.OrdId, null).Result;
            if (order is not null)
                pushes.Add(SimPush.Private("orders", [OrderPush(order, fill)]));
            if (fill.InstId.EndsWith("-SWAP", StringComparison.Ordinal))
                changedSwaps.Add(fill.InstId);
        }
        foreach (var order in _touched)
            pushes.Add(SimPush.Private("orders", [OrderPush(_exchange.GetOrderAsync(order.InstId, order.OrdId, null).Result ?? order, null)]));
        _touched.Clear();
        foreach (var instId in changedSwaps)
            pushes.Add(SimPush.Private("positions", PositionsWire(instId, includeFlat: true).Cast<object>().ToList()));
        if (anything)
            pushes.Add(SimPush.Private("account", [BalanceWire()]));
        return pushes;
    }

    public Wire.OkxOrderPushWire OrderPush(ExchangeOrder order, ExchangeFill? fill)
    {
        var instrument = InstrumentOf(order.InstId);
        return OkxWireWriter.OrderPush(order, instrument, _exchange.Leverage(order.InstId, order.PosSide), MgnMode(_exchange.OrderMarginMode(order.OrdId)), FeeCcy, fill);
    }

    /// <summary>The order as GET /trade/order writes it, with its latest execution.</summary>
    public Wire.OkxOrderWire OrderWire(ExchangeOrder order, ExchangeFill? lastFill)
    {
        var instrument = InstrumentOf(order.InstId);
        var wire = OkxWireWriter.Order(order, instrument, _exchange.Leverage(order.InstId, order.PosSide), MgnMode(_exchange.OrderMarginMode(order.OrdId)), FeeCcy, lastFill);
        wire.AttachAlgoOrds = Algos.For(order.InstId, order.ClOrdId);
        return wire;
    }

    /// <summary>Positions of <paramref name="instId"/> (all swaps when null); a closed side as pos 0 when <paramref name="includeFlat"/>.</summary>
    public List<Wire.OkxPositionWire> PositionsWire(string? instId, bool includeFlat)
    {
        var open = _exchange.GetPositionsAsync(instId).Result;
        var result = new List<Wire.OkxPositionWire>();
        foreach (var instrument in _exchange.Instruments.Where(i => i.Kind == InstrumentKind.Swap && (instId is null || i.InstId == instId)))
        {
            var mark = _exchange.LastBar(instrument.InstId)?.Close ?? 0m;
            foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
            {
                var position = open.FirstOrDefault(p => p.InstId == instrument.InstId && p.PosSide == side);
                if (position is null && !includeFlat)
                    continue;
                position ??= new ExchangePosition(instrument.InstId, side, 0m, 0m, _exchange.Leverage(instrument.InstId, side), 0m, 0m, 0m);
                result.Add(OkxWireWriter.Position(position, instrument, MgnMode(_exchange.MarginMode(instrument.InstId, side)), mark, NowMs,
                    _exchange.AvailableToClose(instrument.InstId, side)));
            }
        }
        return result;
    }

    public Wire.OkxBalanceWire BalanceWire()
    {
        var balances = _exchange.GetBalancesAsync().Result;
        var iso = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in _exchange.GetPositionsAsync().Result)
        {
            if (_exchange.MarginMode(p.InstId, p.PosSide) == SimulatedMarginMode.Isolated)
                iso[FeeCcy] = iso.GetValueOrDefault(FeeCcy) + p.Margin + p.UnrealizedPnl;
        }
        var cross = _exchange.CrossMargin();
        return OkxWireWriter.Balance(balances, ccy => ccy == FeeCcy ? 1m : SpotPrice(ccy), iso, NowMs,
            new OkxCrossFigures(FeeCcy, cross.Equity - balances.Single(b => b.Ccy == FeeCcy).Total, cross.Initial, cross.Maintenance, cross.MarginRatio, cross.Notional));
    }

    /// <summary>Runs a read under the lock (no pushes).</summary>
    public T Read<T>(Func<SimulatedExchange, T> read)
    {
        lock (_lock)
            return read(_exchange);
    }

    private decimal SpotPrice(string ccy) =>
        _exchange.Instruments.FirstOrDefault(i => i.Kind == InstrumentKind.Spot && i.BaseCcy == ccy) is { } spot
            ? _exchange.LastBar(spot.InstId)?.Close ?? 0m
            : 0m;

    internal static string Json(object value) => JsonSerializer.Serialize(value, OkxJson.Response);
}
