using System.Globalization;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The exchange's whole state as data: <see cref="Capture"/> takes it, <see cref="Restore"/> rebuilds an exchange
/// from it that answers every query as the captured one did, continues its id counters and keeps its clOrdIds used.
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <summary>A copy of everything this exchange knows (see <see cref="SimulatedExchangeState"/>); later calls do not change it.</summary>
    public SimulatedExchangeState Capture()
    {
        var balances = new List<SimulatedBalanceState>(_wallet.Currencies.Count);
        foreach (var ccy in _wallet.Currencies)
            balances.Add(_wallet[ccy].ToState(ccy));
        var positions = new List<SimulatedPositionState>();
        var bars = new List<SimulatedBarState>();
        var funding = new List<SimulatedFundingState>();
        foreach (var book in _bookList)
        {
            if (book.IsSwap)
            {
                positions.Add(book.Long!.ToState());
                positions.Add(book.Short!.ToState());
                if (book.NextFundingMs != 0)
                    funding.Add(new SimulatedFundingState(book.Instrument.InstId, book.NextFundingMs));
            }
            if (book.HasBar)
                bars.Add(new SimulatedBarState(book.Instrument.InstId, book.LastBar));
        }
        return new SimulatedExchangeState(
            _lastOrdId, _lastTradeId, balances, positions,
            _orders.ConvertAll(static o => o.ToState()), [.. _fillHistory], bars,
            _lastBillId, [.. _fundingBills], funding);
    }

    /// <summary>
    /// An exchange (default models, no store) in the state <paramref name="state"/> describes. It behaves as the
    /// captured exchange would from there, except for draws from <paramref name="random"/> (random slippage).
    /// <see cref="SimulatedExchangeOptions.InitialBalance"/> is not used: the balances are the state's.
    /// </summary>
    /// <param name="instruments">The instruments; both BTC-USDT and BTC-USDT-SWAP when null. Every instrument the
    /// state mentions must be among them; one it does not mention starts flat, with no bar.</param>
    /// <param name="funding">The funding rates it settles from here on; null settles none (the state's bills and
    /// schedule are kept all the same).</param>
    /// <exception cref="ArgumentException">The state is inconsistent (an unknown instrument, a duplicate or
    /// malformed id, a fill of no known order, a pending order that cannot rest, a bill or funding time of no swap).</exception>
    public static SimulatedExchange Restore(
        SimulatedExchangeState state, SimulatedExchangeOptions options, TimeProvider time, Random random,
        IEnumerable<Instrument>? instruments = null, FundingRates? funding = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var exchange = new SimulatedExchange(options, time, random, instruments, funding);
        exchange.Load(state);
        return exchange;
    }

    private void Load(SimulatedExchangeState state)
    {
        if (state.LastOrdId < 0 || state.LastTradeId < 0)
            throw StateError($"negative id counters ({state.LastOrdId}, {state.LastTradeId})");
        _lastOrdId = state.LastOrdId;
        _lastTradeId = state.LastTradeId;

        _wallet.Clear();
        foreach (var balance in state.Balances)
        {
            if (_wallet.Currencies.Contains(balance.Ccy))
                throw StateError($"currency {balance.Ccy} is listed twice");
            _wallet.Add(balance.Ccy, balance.Total);
            _wallet[balance.Ccy].Frozen = balance.Frozen;
        }
        _wallet.Add(_quoteCcy, 0m);
        foreach (var book in _bookList)
        {
            if (!book.IsSwap)
                _wallet.Add(book.Instrument.BaseCcy, 0m);
        }

        var seenPositions = new HashSet<(string, PositionSide)>();
        foreach (var position in state.Positions)
        {
            if (FindBook(position.InstId) is not { IsSwap: true } book || !Enum.IsDefined(position.PosSide))
                throw StateError($"position {position.InstId} {position.PosSide} is not on a swap of this exchange");
            if (!seenPositions.Add((position.InstId, position.PosSide)))
                throw StateError($"position {position.InstId} {position.PosSide} is listed twice");
            if (position.Leverage < 1m || position.Size < 0m)
                throw StateError($"position {position.InstId} {position.PosSide} has leverage {position.Leverage} and size {position.Size}");
            if (!Enum.IsDefined(position.MarginMode) || position.CrossLeverage < 1m)
                throw StateError($"position {position.InstId} {position.PosSide} has margin mode {position.MarginMode} and cross leverage {position.CrossLeverage}");
            book.Position(position.PosSide).Restore(position);
        }

        foreach (var bar in state.Bars)
        {
            var book = FindBook(bar.InstId) ?? throw StateError($"a bar of unknown instrument {bar.InstId}");
            book.SetBar(bar.Bar);
        }

        foreach (var saved in state.Orders.OrderBy(o => ParseId(o.OrdId, state.LastOrdId, "ordId")))
            RestoreOrder(saved);

        var tradeIds = new HashSet<long>();
        foreach (var fill in state.Fills)
        {
            if (!tradeIds.Add(ParseId(fill.TradeId, state.LastTradeId, "tradeId")))
                throw StateError($"tradeId {fill.TradeId} is listed twice");
            if (!_byOrdId.TryGetValue(fill.OrdId, out var order) || order.Instrument.InstId != fill.InstId)
                throw StateError($"fill {fill.TradeId} belongs to no known {fill.InstId} order ({fill.OrdId})");
            _fillHistory.Add(fill);
        }

        LoadFunding(state);
    }

    private void LoadFunding(SimulatedExchangeState state)
    {
        if (state.LastBillId < 0)
            throw StateError($"a negative bill id counter ({state.LastBillId})");
        _lastBillId = state.LastBillId;
        var billIds = new HashSet<long>();
        foreach (var bill in state.FundingBills)
        {
            if (!billIds.Add(ParseId(bill.BillId, state.LastBillId, "billId")))
                throw StateError($"billId {bill.BillId} is listed twice");
            if (FindBook(bill.InstId) is not { IsSwap: true } || !Enum.IsDefined(bill.PosSide) || bill.PositionSize <= 0m || bill.Ccy != _quoteCcy)
                throw StateError($"bill {bill.BillId} is not a {_quoteCcy} bill of a position on a swap of this exchange");
        }
        _fundingBills.AddRange(state.FundingBills
            .OrderBy(b => b.FundingTimeMs)
            .ThenBy(b => long.Parse(b.BillId, NumberStyles.None, CultureInfo.InvariantCulture)));

        var scheduled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var next in state.Funding)
        {
            if (FindBook(next.InstId) is not { IsSwap: true } book || !scheduled.Add(next.InstId))
                throw StateError($"the funding time of {next.InstId} is not of a swap of this exchange, or is listed twice");
            if (next.NextFundingMs <= 0 || !FundingRates.IsFundingTime(next.NextFundingMs))
                throw StateError($"{next.NextFundingMs} is not a funding time ({next.InstId})");
            book.NextFundingMs = next.NextFundingMs;
        }
    }

    private void RestoreOrder(SimulatedOrderState s)
    {
        var book = FindBook(s.InstId) ?? throw StateError($"order {s.OrdId} is on unknown instrument {s.InstId}");
        if (_byOrdId.ContainsKey(s.OrdId))
            throw StateError($"ordId {s.OrdId} is listed twice");
        if (s.ClOrdId.Length > 0 && _byClOrdId.ContainsKey(s.ClOrdId))
            throw StateError($"clOrdId {s.ClOrdId} is used by two orders");
        var order = new SimulatedOrder
        {
            Sequence = long.Parse(s.OrdId, NumberStyles.None, CultureInfo.InvariantCulture),
            OrdId = s.OrdId,
            ClOrdId = s.ClOrdId,
            Book = book,
            Side = s.Side,
            PosSide = s.PosSide,
            Type = s.Type,
            Size = s.Size,
            Price = s.Price,
            IsClosing = s.IsClosing,
            CreatedMs = s.CreatedMs,
            MarginMode = s.MarginMode,
            UpdatedMs = s.UpdatedMs,
            State = s.State,
            FilledSize = s.FilledSize,
            FilledNotional = s.FilledNotional,
            Fee = s.Fee,
            FrozenQuote = s.FrozenQuote,
            FrozenBase = s.FrozenBase,
            ReservedContracts = s.ReservedContracts,
        };
        if (order.IsPending)
        {
            if (order.Type != OrderType.Limit || order.Price is null)
                throw StateError($"pending order {s.OrdId} is not a priced limit order");
            book.Resting.Add(order);   // ordId ascending = placement order, as the resting lists keep it
        }
        _orders.Add(order);
        _byOrdId.Add(order.OrdId, order);
        if (order.ClOrdId.Length > 0)
            _byClOrdId.Add(order.ClOrdId, order);
    }

    /// <summary>The exchange's ids are the decimal forms of 1, 2, 3...: anything else was not made here.</summary>
    private static long ParseId(string id, long last, string what)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < 1 || value > last || value.ToString(CultureInfo.InvariantCulture) != id)
            throw StateError($"{what} '{id}' is not a number from 1 to the counter {last}");
        return value;
    }

    private static ArgumentException StateError(string detail) =>
        new($"The simulated exchange state is inconsistent: {detail}.", "state");
}
