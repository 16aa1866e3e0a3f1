namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>Cancelling orders and setting leverage.</summary>
public sealed partial class SimulatedExchange
{
    /// <summary>Cancels a pending order by ordId (preferred) or clOrdId; what it froze is released.</summary>
    public ValueTask<OrderAck> CancelOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default)
    {
        EnsureUsable();
        var ack = Cancel(instId, ordId, clOrdId);
        Committed();
        return new(ack);
    }

    private OrderAck Cancel(string instId, string? ordId, string? clOrdId)
    {
        var echo = clOrdId ?? "";
        if (FindBook(instId) is not { } book)
            return Reject(echo, OkxErrorCodes.InstrumentNotFound, $"Instrument ID {instId} does not exist.");
        if (string.IsNullOrEmpty(ordId) && string.IsNullOrEmpty(clOrdId))
            return Reject(echo, OkxErrorCodes.OrderIdRequired, "Either client order ID or order ID is required.");
        if (Find(instId, ordId, clOrdId) is not { } order)
            return Reject(echo, OkxErrorCodes.OrderNotFound, "Cancellation failed as the order does not exist.");
        switch (order.State)
        {
            case OrderState.Canceled:
                return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.AlreadyCanceled, "Cancellation failed as the order is already canceled.");
            case OrderState.Filled:
                return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.AlreadyFilled, "Cancellation failed as the order is already completed.");
        }
        CancelPending(order);
        book.Resting.Remove(order);
        return OrderAck.Ok(order.ClOrdId, order.OrdId);
    }

    /// <summary>
    /// Sets the isolated leverage of (instId, posSide), 1..MaxLeverage. Refused while that side trades isolated with
    /// resting orders (59101, as OKX does for isolated margin). An open position's margin is re-based to
    /// entry notional / new leverage: the difference comes from (59103 if short) or returns to the quote balance.
    /// </summary>
    public ValueTask<OrderAck> SetLeverageAsync(string instId, PositionSide posSide, decimal leverage, CancellationToken ct = default) =>
        SetLeverageAsync(instId, [posSide], leverage, ct);

    /// <summary>Sets the isolated leverage of several sides at once (OKX's set-leverage without posSide): all of them, or, refused, none.</summary>
    public ValueTask<OrderAck> SetLeverageAsync(string instId, IReadOnlyList<PositionSide> sides, decimal leverage, CancellationToken ct = default) =>
        SetLeverageAsync(instId, sides, leverage, SimulatedMarginMode.Isolated, ct);

    /// <summary>
    /// Sets the <paramref name="mode"/> leverage of several sides at once: it applies to the sides' positions in that
    /// mode now (re-basing their margin, refused while they have resting orders) and to positions opened in it later.
    /// </summary>
    public ValueTask<OrderAck> SetLeverageAsync(string instId, IReadOnlyList<PositionSide> sides, decimal leverage, SimulatedMarginMode mode,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sides);
        EnsureUsable();
        var ack = SetLeverage(instId, sides, leverage, mode);
        Committed();
        return new(ack);
    }

    private OrderAck SetLeverage(string instId, IReadOnlyList<PositionSide> sides, decimal leverage, SimulatedMarginMode mode)
    {
        if (FindBook(instId) is not { } book)
            return Reject("", OkxErrorCodes.InstrumentNotFound, $"Instrument ID {instId} does not exist.");
        if (!book.IsSwap || sides.Count == 0 || sides.Any(side => !Enum.IsDefined(side)) || !Enum.IsDefined(mode))
            return Reject("", OkxErrorCodes.ParameterError, $"Parameter error: leverage applies to swap long/short only, not {instId} {string.Join("/", sides)}.");
        if (leverage < 1m)
            return Reject("", OkxErrorCodes.ParameterError, $"Parameter lever error: {leverage} is below 1.");
        if (leverage > _options.MaxLeverage)
            return Reject("", OkxErrorCodes.LeverageTooHigh, $"Leverage {leverage} exceeds the maximum {_options.MaxLeverage}.");
        // Only the sides trading in this mode feel the change now; the others keep it for when they switch.
        var live = sides.Distinct().Where(side => book.Position(side).Mode == mode).ToList();
        foreach (var order in book.Resting)
        {
            if (live.Contains(order.PosSide))
                return Reject("", OkxErrorCodes.LeverageWithPendingOrders, "Cancel the pending orders on this position before adjusting the leverage.");
        }
        var margins = live.Select(side => RebasedMargin(book, book.Position(side), leverage)).ToList();
        var extra = live.Select((side, i) => margins[i] - book.Position(side).Margin).Sum();
        if (extra > Quote.Available)
            return Reject("", OkxErrorCodes.LeverageInsufficientMargin, "Leverage is too low and there is not sufficient margin in the account.");

        for (var i = 0; i < live.Count; i++)
        {
            var position = book.Position(live[i]);
            Quote.Total -= margins[i] - position.Margin;
            position.Margin = margins[i];
        }
        foreach (var side in sides.Distinct())
            book.Position(side).SetLeverage(mode, leverage);
        return new OrderAck("", null, OkxErrorCodes.Ok, "");
    }

    /// <summary>The margin of <paramref name="position"/> at <paramref name="leverage"/>: entry notional / leverage (0 when flat).</summary>
    private static decimal RebasedMargin(InstrumentBook book, SimulatedPosition position, decimal leverage) =>
        position.Size > 0m ? SimulatedMoney.Round(book.Instrument.Notional(position.Size, position.AveragePrice) / leverage) : position.Margin;

    private SimulatedOrder? Find(string instId, string? ordId, string? clOrdId)
    {
        SimulatedOrder? order = null;
        if (!string.IsNullOrEmpty(ordId))
            _byOrdId.TryGetValue(ordId, out order);
        else if (!string.IsNullOrEmpty(clOrdId))
            _byClOrdId.TryGetValue(clOrdId, out order);
        return order is not null && order.Instrument.InstId == instId ? order : null;
    }
}
