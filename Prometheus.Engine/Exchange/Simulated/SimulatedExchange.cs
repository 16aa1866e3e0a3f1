using System.Globalization;
using System.Threading.Channels;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The paper exchange: an <see cref="IExchange"/> that trades against replayed candles.
/// Entry points: <see cref="OnBar"/> advances the market; <see cref="PlaceOrderAsync"/> and the other
/// <see cref="IExchange"/> calls act on the account; <see cref="ManualOrder"/>, <see cref="ClosePositionByHand"/>
/// and <see cref="Liquidate"/> inject outside events.
/// Invariants:
/// - Every call completes synchronously; a rejection is an <see cref="OrderAck"/> with an OKX sCode, never an exception
///   (the one exception: a store that cannot commit, <see cref="ExchangeStoreException"/>, after which the exchange is stopped).
/// - Every fill goes, in production order, to <see cref="Fills"/> and to the fill history, nowhere else.
/// - With a store (<see cref="Open(ISimulatedExchangeStore,SimulatedExchangeOptions,TimeProvider,Random,IEnumerable{Instrument},FundingRates)"/>),
///   every change is committed before the operation acknowledges or publishes anything (see SimulatedExchange.Persistence.cs).
/// - ordId and tradeId are sequential numbers from this instance's counters; timestamps come from the injected
///   clock; randomness only from the injected <see cref="Random"/> (through the slippage model). The same calls
///   and seed give the same fills, bit for bit.
/// - Not thread-safe: one engine loop drives it (no locks in domain classes).
/// Pricing rules live in the models (<see cref="IFillModel"/>, <see cref="IFeeModel"/>, <see cref="ISlippageModel"/>).
/// </summary>
public sealed partial class SimulatedExchange : IExchange
{
    private readonly SimulatedExchangeOptions _options;
    private readonly TimeProvider _time;
    private readonly IFillModel _fillModel;
    private readonly IFeeModel _feeModel;
    private readonly Dictionary<string, InstrumentBook> _books = new(StringComparer.Ordinal);
    private readonly InstrumentBook[] _bookList;
    private readonly SimulatedWallet _wallet = new();
    private readonly string _quoteCcy;
    private readonly FillQueue _fills = new();
    private readonly List<ExchangeFill> _fillHistory = [];
    private readonly List<SimulatedOrder> _orders = [];
    private readonly Dictionary<string, SimulatedOrder> _byOrdId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedOrder> _byClOrdId = new(StringComparer.Ordinal);
    private long _lastOrdId;
    private long _lastTradeId;

    /// <summary>An exchange with the default models: <see cref="BarFillModel"/>, <see cref="VolumeSlippageModel"/>, <see cref="OkxFeeModel"/>.</summary>
    /// <param name="instruments">Tradable instruments; both BTC-USDT and BTC-USDT-SWAP when null.</param>
    /// <param name="funding">Funding rates the swaps settle at every 8 hours; null settles no funding.</param>
    public SimulatedExchange(SimulatedExchangeOptions options, TimeProvider time, Random random, IEnumerable<Instrument>? instruments = null,
        FundingRates? funding = null)
        : this(options, time, DefaultFillModel(options, random), new OkxFeeModel(), instruments, funding)
    {
    }

    /// <summary>An exchange with custom pricing models.</summary>
    public SimulatedExchange(
        SimulatedExchangeOptions options, TimeProvider time, IFillModel fillModel, IFeeModel feeModel,
        IEnumerable<Instrument>? instruments = null, FundingRates? funding = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(fillModel);
        ArgumentNullException.ThrowIfNull(feeModel);
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));

        _options = options;
        _time = time;
        _fillModel = fillModel;
        _feeModel = feeModel;
        _funding = funding;

        var list = (instruments ?? InstrumentCatalog.Shipped.Where(i => Supervision.MastermindOptions.DefaultInstrumentIds.Contains(i.Id))).ToList();
        if (list.Count == 0)
            throw new ArgumentException("At least one instrument is required.", nameof(instruments));
        _quoteCcy = list[0].QuoteCcy;
        _wallet.Add(_quoteCcy, options.InitialBalance);
        foreach (var instrument in list)
        {
            if (instrument.QuoteCcy != _quoteCcy)
                throw new ArgumentException($"All instruments must settle in {_quoteCcy}; {instrument.InstId} does not.", nameof(instruments));
            if (!_books.TryAdd(instrument.InstId, new InstrumentBook(instrument, options.DefaultLeverage)))
                throw new ArgumentException($"Instrument {instrument.InstId} is listed twice.", nameof(instruments));
            if (instrument.Kind == InstrumentKind.Spot)
                _wallet.Add(instrument.BaseCcy, 0m);
        }
        _bookList = [.. list.Select(i => _books[i.InstId])];
        Instruments = list;
    }

    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Every fill, in the order produced. Unbounded: the reader must drain it.</summary>
    public ChannelReader<ExchangeFill> Fills => _fills;

    private static BarFillModel DefaultFillModel(SimulatedExchangeOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new BarFillModel(options, new VolumeSlippageModel(options, random));
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private SimulatedWallet.Holding Quote => _wallet[_quoteCcy];

    private InstrumentBook? FindBook(string? instId) =>
        instId is not null && _books.TryGetValue(instId, out var book) ? book : null;

    private SimulatedOrder NewOrder(
        InstrumentBook book, string clOrdId, OrderSide side, PositionSide posSide, OrderType type,
        decimal size, decimal? price, bool closing)
    {
        var sequence = ++_lastOrdId;
        var now = NowMs();
        var order = new SimulatedOrder
        {
            Sequence = sequence,
            OrdId = sequence.ToString(CultureInfo.InvariantCulture),
            ClOrdId = clOrdId,
            Book = book,
            Side = side,
            PosSide = posSide,
            Type = type,
            Size = size,
            Price = price,
            IsClosing = closing,
            CreatedMs = now,
            UpdatedMs = now,
            MarginMode = book.IsSwap ? book.Position(posSide).Mode : SimulatedMarginMode.Isolated,
        };
        _orders.Add(order);
        _byOrdId.Add(order.OrdId, order);
        if (clOrdId.Length > 0)
            _byClOrdId.Add(clOrdId, order);
        Touch(order);
        return order;
    }
}
