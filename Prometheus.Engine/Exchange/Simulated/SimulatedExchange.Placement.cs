using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>Order placement: OKX-style validation, market fills, resting and crossing limit orders.</summary>
public sealed partial class SimulatedExchange
{
    private const int MaxClOrdIdLength = 32;

    /// <summary>
    /// The largest order size (base currency or contracts) and limit price the exchange takes, as OKX caps both
    /// (maxLmtSz, price limits): far beyond any real order, and small enough that no amount an order leads to
    /// (notional, margin, fee, average price) can exceed <see cref="decimal"/>'s range. Past them: 51000.
    /// </summary>
    public const decimal MaxOrderSize = 1_000_000_000m;

    /// <inheritdoc cref="MaxOrderSize"/>
    public const decimal MaxOrderPrice = 1_000_000_000m;

    /// <summary>
    /// Fault injection (<see cref="Faults.FaultInjectingExchange"/>): while set, a market order fills only this share of
    /// its size (down to the lot), and the rest is cancelled, as when the book is thin.
    /// </summary>
    public decimal? PartialFillRatio { get; set; }

    /// <summary>
    /// Places an order. A market order fills at once (possibly partially: the rest is cancelled, state Canceled
    /// with FilledSize &gt; 0); a limit order rests, or fills at once as a taker as far as it crosses the last price.
    /// Fills are on <see cref="Fills"/> before this returns, and with a store committed before that.
    /// The answer is always already completed.
    /// </summary>
    public ValueTask<OrderAck> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureUsable();
        var ack = Submit(request, outside: false);
        Committed();
        return new ValueTask<OrderAck>(ack);
    }

    /// <summary>
    /// Places an order in <paramref name="mode"/> (OKX's tdMode; spot ignores it). A swap side trades in one mode at a
    /// time: an order in the other mode is refused (51000) unless the side is flat with no pending order, and then it
    /// moves the side to that mode.
    /// </summary>
    public ValueTask<OrderAck> PlaceOrderAsync(OrderRequest request, SimulatedMarginMode mode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureUsable();
        var ack = Submit(request, outside: false, mode);
        Committed();
        return new ValueTask<OrderAck>(ack);
    }

    /// <param name="outside">An outside event (a person trading by hand): no clOrdId, no bar-volume cap, no liquidity check.</param>
    /// <param name="mode">The swap margin mode asked for; null trades in the side's current mode.</param>
    private OrderAck Submit(OrderRequest r, bool outside, SimulatedMarginMode? mode = null)
    {
        var clOrdId = r.ClOrdId ?? "";
        if (FindBook(r.InstId) is not { } book)
            return Reject(clOrdId, OkxErrorCodes.InstrumentNotFound, $"Instrument ID {r.InstId} does not exist.");
        if (!outside)
        {
            if (!IsValidClOrdId(clOrdId))
                return Reject(clOrdId, OkxErrorCodes.ParameterError, "Parameter clOrdId error: 1 to 32 letters or digits.");
            if (_byClOrdId.ContainsKey(clOrdId))
                return Reject(clOrdId, OkxErrorCodes.DuplicateClOrdId, $"Duplicated clOrdId {clOrdId}.");
        }
        if (CheckParameters(book.Instrument, r) is { } parameterError)
            return parameterError with { ClOrdId = clOrdId };
        if (!book.HasBar)
            return Reject(clOrdId, OkxErrorCodes.ParameterError, $"No market price for {r.InstId} yet.");

        var closing = book.IsSwap ? (r.Side == OrderSide.Sell) == (r.PosSide == PositionSide.Long) : r.Side == OrderSide.Sell;
        if (r.ReduceOnly && !closing)
            return Reject(clOrdId, OkxErrorCodes.ReduceOnlyIncreases, "reduceOnly cannot increase the position quantity.");
        if (closing && CheckClosable(book, r) is { } closeError)
            return closeError with { ClOrdId = clOrdId };

        if (!book.IsSwap || mode is not { } wanted || wanted == book.Position(r.PosSide).Mode)
            return Place(book, r, clOrdId, closing, outside);
        if (!Enum.IsDefined(wanted))
            return Reject(clOrdId, OkxErrorCodes.ParameterError, "Parameter tdMode error.");
        var position = book.Position(r.PosSide);
        if (closing || position.Size > 0m || book.Resting.Any(o => o.PosSide == r.PosSide))
            return Reject(clOrdId, OkxErrorCodes.ParameterError,
                $"Parameter tdMode error: the {r.InstId} {r.PosSide.ToString().ToLowerInvariant()} position trades in {Name(position.Mode)} margin; it moves to {Name(wanted)} only when flat with no pending order.");
        // The side takes the new mode with the order: a refused order leaves it as it was.
        var previous = position.Mode;
        position.Mode = wanted;
        var ack = Place(book, r, clOrdId, closing, outside);
        if (!ack.Accepted)
            position.Mode = previous;
        return ack;
    }

    private OrderAck Place(InstrumentBook book, OrderRequest r, string clOrdId, bool closing, bool outside)
    {
        SettleFunding(book);   // before the balance checks: funding due is paid before the order is weighed
        return r.Type == OrderType.Market
            ? PlaceMarket(book, r, clOrdId, closing, outside)
            : PlaceLimit(book, r, clOrdId, closing);
    }

    private static string Name(SimulatedMarginMode mode) => mode == SimulatedMarginMode.Cross ? "cross" : "isolated";

    private OrderAck PlaceMarket(InstrumentBook book, OrderRequest r, string clOrdId, bool closing, bool outside)
    {
        var instrument = book.Instrument;
        var bar = book.LastBar;
        var size = r.Size;
        if (!outside)
        {
            if (bar.IsEmpty)
                return Reject(clOrdId, OkxErrorCodes.NoLiquidity, $"No liquidity: the last {r.InstId} bar traded nothing.");
            size = Math.Min(size, _fillModel.MaxFillSize(instrument, bar));
            if (PartialFillRatio is { } ratio)
                size = Math.Min(size, Math.Max(instrument.MinSize, instrument.RoundDownToLot(r.Size * ratio)));
            if (size <= 0m)
                return Reject(clOrdId, OkxErrorCodes.NoLiquidity, $"No liquidity: the last {r.InstId} bar is too thin for one lot.");
        }
        var price = _fillModel.TakerPrice(instrument, r.Side, size, bar);
        if (!closing && OpeningCost(book, r.PosSide, size, price) > Quote.Available)
            return Reject(clOrdId, OkxErrorCodes.InsufficientBalance, $"Insufficient {_quoteCcy} balance.");

        var order = NewOrder(book, clOrdId, r.Side, r.PosSide, OrderType.Market, r.Size, null, closing);
        ApplyFill(order, size, price, isMaker: false);
        if (order.Remaining > 0m)
            order.State = OrderState.Canceled;   // OKX: partially filled, the rest cancelled (FilledSize > 0)
        return OrderAck.Ok(clOrdId, order.OrdId);
    }

    private OrderAck PlaceLimit(InstrumentBook book, OrderRequest r, string clOrdId, bool closing)
    {
        var instrument = book.Instrument;
        var price = r.Price!.Value;
        // A resting order reserves what its fill will need; the taker rate covers a crossing fill too.
        var frozenQuote = closing ? 0m : OpeningCost(book, r.PosSide, r.Size, price);
        if (frozenQuote > Quote.Available)
            return Reject(clOrdId, OkxErrorCodes.InsufficientBalance, $"Insufficient {_quoteCcy} balance.");

        var order = NewOrder(book, clOrdId, r.Side, r.PosSide, OrderType.Limit, r.Size, price, closing);
        Reserve(order, frozenQuote);
        book.Resting.Add(order);

        TakeIfMarketable(book, order);
        return OrderAck.Ok(clOrdId, order.OrdId);
    }

    /// <summary>A resting limit order whose price crosses the last bar fills at once as a taker (as far as the bar allows); filled, it leaves the book.</summary>
    private void TakeIfMarketable(InstrumentBook book, SimulatedOrder order)
    {
        var bar = book.LastBar;
        var price = order.Price!.Value;
        if (!bar.IsEmpty && _fillModel.IsMarketable(order.Side, price, bar))
        {
            var size = Math.Min(order.Remaining, _fillModel.MaxFillSize(book.Instrument, bar));
            if (size > 0m)
                ApplyFill(order, size, _fillModel.CrossingLimitPrice(book.Instrument, order.Side, price, size, bar), isMaker: false);
        }
        if (!order.IsPending)
            book.Resting.Remove(order);
    }

    /// <summary>Quote currency an opening fill needs: spot buy cost, or swap margin, plus the taker fee.</summary>
    private decimal OpeningCost(InstrumentBook book, PositionSide posSide, decimal size, decimal price)
    {
        var notional = book.Instrument.Notional(size, price);
        var fee = _feeModel.Fee(book.Instrument, notional, isMaker: false);
        return book.IsSwap ? SimulatedMoney.Round(notional / book.Position(posSide).Leverage) + fee : notional + fee;
    }

    private OrderAck? CheckClosable(InstrumentBook book, OrderRequest r)
    {
        if (book.IsSwap)
        {
            var available = book.Position(r.PosSide).AvailableToClose;
            return r.Size > available
                ? Reject("", OkxErrorCodes.CloseExceedsPosition, $"Close order size {r.Size} exceeds your available size {available}.")
                : null;
        }
        var holding = _wallet[book.Instrument.BaseCcy];
        return r.Size > holding.Available
            ? Reject("", OkxErrorCodes.InsufficientBalance, $"Insufficient {book.Instrument.BaseCcy} balance.")
            : null;
    }

    private static OrderAck? CheckParameters(Instrument instrument, OrderRequest r)
    {
        if (!Enum.IsDefined(r.Side))
            return Reject("", OkxErrorCodes.ParameterError, "Parameter side error.");
        if (!Enum.IsDefined(r.PosSide) || (instrument.Kind == InstrumentKind.Spot && r.PosSide != PositionSide.Long))
            return Reject("", OkxErrorCodes.ParameterError, "Parameter posSide error: spot orders carry long.");
        if (!Enum.IsDefined(r.Type))
            return Reject("", OkxErrorCodes.ParameterError, "Parameter ordType error.");
        if (r.Size <= 0m)
            return Reject("", OkxErrorCodes.ParameterError, "Parameter sz error: must be positive.");
        if (r.Size > MaxOrderSize)
            return Reject("", OkxErrorCodes.ParameterError, $"Parameter sz error: at most {MaxOrderSize}.");
        if (r.Size < instrument.MinSize)
            return Reject("", OkxErrorCodes.BelowMinSize, $"Order size {r.Size} is below the minimum {instrument.MinSize}.");
        if (r.Size % instrument.LotSize != 0m)
            return Reject("", OkxErrorCodes.LotSizeError, $"Order size {r.Size} must be a multiple of the lot size {instrument.LotSize}.");
        if (r.Type == OrderType.Limit)
        {
            if (r.Price is not { } price || price <= 0m)
                return Reject("", OkxErrorCodes.ParameterError, "Parameter px error: a limit order needs a positive price.");
            if (price > MaxOrderPrice)
                return Reject("", OkxErrorCodes.ParameterError, $"Parameter px error: at most {MaxOrderPrice}.");
            if (price % instrument.TickSize != 0m)
                return Reject("", OkxErrorCodes.ParameterError, $"Parameter px error: {price} is not a multiple of the tick size {instrument.TickSize}.");
        }
        return null;
    }

    private static bool IsValidClOrdId(string clOrdId)
    {
        if (clOrdId.Length is 0 or > MaxClOrdIdLength)
            return false;
        foreach (var c in clOrdId)
        {
            if (!char.IsAsciiLetterOrDigit(c))
                return false;
        }
        return true;
    }

    private static OrderAck Reject(string clOrdId, string code, string message) => OrderAck.Reject(clOrdId, code, message);
}
