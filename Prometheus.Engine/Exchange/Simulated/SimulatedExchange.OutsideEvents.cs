namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Events no Prometheus order caused: a person trading or closing by hand, a forced liquidation. Their fills
/// carry an empty clOrdId (and an exchange ordId), so reconciliation sees them as orphans or outside closes.
/// These helpers are for tests and fault injection; they throw on misuse instead of answering with a code.
/// With a store, each is committed before it returns and before its fill is published.
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <summary>A market trade placed by hand: filled in full at the slipped last price (no bar-volume cap).</summary>
    /// <exception cref="InvalidOperationException">The exchange refuses it (the OKX code is in the message).</exception>
    public ExchangeFill ManualOrder(string instId, OrderSide side, PositionSide posSide, decimal size)
    {
        EnsureUsable();
        var ack = Submit(new OrderRequest(instId, "", side, posSide, OrderType.Market, size), outside: true);
        Committed();
        return Manual(ack);
    }

    /// <summary>Closes the whole (instId, posSide) position by hand at market, after cancelling its resting close orders.</summary>
    /// <returns>The closing fill, or nothing when there is no position.</returns>
    public IReadOnlyList<ExchangeFill> ClosePositionByHand(string instId, PositionSide posSide)
    {
        EnsureUsable();
        var book = SwapBook(instId);
        var position = book.Position(posSide);
        if (position.Size == 0m)
            return [];
        CancelCloseOrders(book, posSide);
        var side = posSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        var ack = Submit(new OrderRequest(instId, "", side, posSide, OrderType.Market, position.Size), outside: true);
        Committed();   // the cancellations and the close in one commit
        return [Manual(ack)];
    }

    /// <summary>
    /// Liquidates the whole (instId, posSide) position now, at its liquidation price; a cross position goes with every
    /// cross position of the instrument, at the account's liquidation price (the last close when it has none).
    /// </summary>
    /// <returns>The liquidation fills, or nothing when there is no position.</returns>
    public IReadOnlyList<ExchangeFill> Liquidate(string instId, PositionSide posSide)
    {
        EnsureUsable();
        var book = SwapBook(instId);
        var position = book.Position(posSide);
        if (position.Size == 0m)
            return [];
        List<ExchangeFill> fills;
        if (position.IsCross)
        {
            var price = CrossLiquidationPrice(book);
            fills = LiquidateCross(book, price > 0m ? price : book.LastBar.Close);
        }
        else
        {
            fills = [LiquidateAt(book, position, position.LiquidationPrice)];
        }
        Committed();
        return fills;
    }

    /// <summary>The fill of an accepted manual order (its only one: no bar-volume cap), or the refusal as an exception.</summary>
    private ExchangeFill Manual(OrderAck ack) =>
        ack.Accepted ? _fillHistory[^1] : throw new InvalidOperationException($"Manual order refused: {ack.Code} {ack.Message}");

    private InstrumentBook SwapBook(string instId) =>
        FindBook(instId) is { IsSwap: true } book
            ? book
            : throw new ArgumentException($"'{instId}' is not a swap of this exchange.", nameof(instId));
}
