using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The market moving: each bar first settles the funding it reached (swaps, see SimulatedExchange.Funding.cs), then
/// fills resting limit orders (oldest first, at their own price, maker), then liquidates isolated swap positions whose
/// liquidation price the bar reached, then cross positions if the bar took the account's cross equity below their
/// maintenance margin (SimulatedExchange.CrossMargin.cs).
/// Hot path: with no resting orders and no open positions a bar costs a dictionary lookup and a copy
/// (with a store, a clock read too: the bar is committed with the next change, or alone now and then).
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <summary>Advances <paramref name="instId"/> by one bar. An empty (zero-volume) bar fills no limit order.</summary>
    public void OnBar(string instId, in Candle candle)
    {
        EnsureUsable();
        if (FindBook(instId) is not { } book)
            throw new ArgumentException($"Unknown instrument '{instId}'.", nameof(instId));
        book.SetBar(candle);
        // Funding first: the bar's fills are stamped with the clock, so they come after any funding time it reached.
        SettleFunding(book);
        if (book.Resting.Count > 0 && !candle.IsEmpty)
            FillResting(book, candle);
        if (book.IsSwap)
        {
            CheckLiquidation(book, book.Long!, candle);
            CheckLiquidation(book, book.Short!, candle);
            CheckCrossLiquidation(book, candle);
        }
        if (_journal is { } journal)
            CommitAfterBar(journal);
    }

    private void FillResting(InstrumentBook book, in Candle bar)
    {
        var maxSize = _fillModel.MaxFillSize(book.Instrument, bar);
        if (maxSize <= 0m)
            return;
        var resting = book.Resting;
        var kept = 0;
        for (var i = 0; i < resting.Count; i++)
        {
            var order = resting[i];
            var price = order.Price!.Value;
            if (_fillModel.Crosses(order.Side, price, bar))
                ApplyFill(order, Math.Min(order.Remaining, maxSize), price, isMaker: true);
            if (order.IsPending)
                resting[kept++] = order;
        }
        resting.RemoveRange(kept, resting.Count - kept);
    }

    private void CheckLiquidation(InstrumentBook book, SimulatedPosition position, in Candle bar)
    {
        if (position.Size == 0m || position.IsCross)
            return;
        var liquidationPrice = position.LiquidationPrice;
        var reached = position.Side == PositionSide.Long ? bar.Low <= liquidationPrice : bar.High >= liquidationPrice;
        if (reached)
            LiquidateAt(book, position, liquidationPrice);
    }

    /// <summary>
    /// Closes the whole position at <paramref name="price"/> as OKX's liquidation engine would: a fill with an
    /// empty clOrdId and IsLiquidation, fee at the taker rate. The trader gets back what is left of the margin
    /// after the (negative) PnL and the fee: never less than zero for an isolated position; a cross position's loss is
    /// the account's (see LiquidateCross). Resting close orders on the position are cancelled.
    /// </summary>
    private ExchangeFill LiquidateAt(InstrumentBook book, SimulatedPosition position, decimal price)
    {
        SettleFunding(book);
        CancelCloseOrders(book, position.Side);
        var instrument = book.Instrument;
        var size = position.Size;
        var notional = instrument.Notional(size, price);
        var fee = _feeModel.Fee(instrument, notional, isMaker: false);
        var returned = position.Margin + position.PnlAt(price, size) - fee;
        if (!position.IsCross)
            returned = Math.Max(0m, returned);
        position.Size = 0m;
        position.Margin = 0m;
        position.AveragePrice = 0m;
        Quote.Total += returned;

        var side = position.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        var order = NewOrder(book, "", side, position.Side, OrderType.Market, size, null, closing: true);
        order.FilledSize = size;
        order.FilledNotional = notional;
        order.Fee = fee;
        order.State = OrderState.Filled;
        return Emit(order, size, price, fee, isLiquidation: true);
    }

    private void CancelCloseOrders(InstrumentBook book, PositionSide posSide)
    {
        var resting = book.Resting;
        var kept = 0;
        for (var i = 0; i < resting.Count; i++)
        {
            var order = resting[i];
            if (order.IsClosing && order.PosSide == posSide)
                CancelPending(order);
            else
                resting[kept++] = order;
        }
        resting.RemoveRange(kept, resting.Count - kept);
    }
}
