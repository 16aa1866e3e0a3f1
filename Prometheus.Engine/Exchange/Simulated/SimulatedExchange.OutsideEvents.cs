namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Events no Prometheus order caused: a person trading or closing by hand, a forced liquidation. Their fills
/// carry an empty clOrdId (and an exchange ordId), so reconciliation sees them as orphans or outside closes.
/// These helpers are for tests and fault injection; they throw on misuse instead of answering with a code.
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <summary>A market trade placed by hand: filled in full at the slipped last price (no bar-volume cap).</summary>
    /// <exception cref="InvalidOperationException">The exchange refuses it (the OKX code is in the message).</exception>
    public ExchangeFill ManualOrder(string instId, OrderSide side, PositionSide posSide, decimal size)
    {
        var ack = Submit(new OrderRequest(instId, "", side, posSide, OrderType.Market, size), outside: true);
        if (!ack.Accepted)
            throw new InvalidOperationException($"Manual order refused: {ack.Code} {ack.Message}");
        return _fillHistory[^1];
    }

    /// <summary>Closes the whole (instId, posSide) position by hand at market, after cancelling its resting close orders.</summary>
    /// <returns>The closing fill, or nothing when there is no position.</returns>
    public IReadOnlyList<ExchangeFill> ClosePositionByHand(string instId, PositionSide posSide)
    {
        var book = SwapBook(instId);
        var position = book.Position(posSide);
        if (position.Size == 0m)
            return [];
        CancelCloseOrders(book, posSide);
        var side = posSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        return [ManualOrder(instId, side, posSide, position.Size)];
    }

    /// <summary>Liquidates the whole (instId, posSide) position now, at its liquidation price.</summary>
    /// <returns>The liquidation fill, or nothing when there is no position.</returns>
    public IReadOnlyList<ExchangeFill> Liquidate(string instId, PositionSide posSide)
    {
        var book = SwapBook(instId);
        var position = book.Position(posSide);
        return position.Size == 0m ? [] : [LiquidateAt(book, position, position.LiquidationPrice)];
    }

    private InstrumentBook SwapBook(string instId) =>
        FindBook(instId) is { IsSwap: true } book
            ? book
            : throw new ArgumentException($"'{instId}' is not a swap of this exchange.", nameof(instId));
}
