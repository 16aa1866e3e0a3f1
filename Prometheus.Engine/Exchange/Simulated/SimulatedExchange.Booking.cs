namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Booking fills into the account. Spot: the quote pays notional + fee on a buy and receives notional − fee on a
/// sell. Swap opening: margin (notional / leverage) and the fee leave the quote balance; the entry price is the
/// size-weighted average. Swap closing: the margin share of the closed size returns with the realised PnL
/// ((exit − entry) × size × ctVal, reversed for shorts), less the fee.
/// </summary>
public sealed partial class SimulatedExchange
{
    private ExchangeFill ApplyFill(SimulatedOrder order, decimal size, decimal price, bool isMaker)
    {
        var book = order.Book;
        SettleFunding(book);   // funding the clock has reached is owed by the position before this fill
        var instrument = book.Instrument;
        var notional = instrument.Notional(size, price);
        var fee = _feeModel.Fee(instrument, notional, isMaker);
        ReleaseReservation(order, size);

        var quote = Quote;
        if (!book.IsSwap)
        {
            var holding = _wallet[instrument.BaseCcy];
            if (order.Side == OrderSide.Buy)
            {
                quote.Total -= notional + fee;
                holding.Total += size;
            }
            else
            {
                holding.Total -= size;
                quote.Total += notional - fee;
            }
        }
        else if (order.IsClosing)
        {
            quote.Total += ClosePosition(book.Position(order.PosSide), size, price) - fee;
        }
        else
        {
            quote.Total -= OpenPosition(book.Position(order.PosSide), size, price, notional) + fee;
        }

        order.FilledSize += size;
        order.FilledNotional += notional;
        order.Fee += fee;
        order.UpdatedMs = NowMs();
        order.State = order.Remaining == 0m ? OrderState.Filled : OrderState.PartiallyFilled;
        Touch(order);
        return Emit(order, size, price, fee, isLiquidation: false);
    }

    /// <returns>The margin locked.</returns>
    private static decimal OpenPosition(SimulatedPosition position, decimal size, decimal price, decimal notional)
    {
        var newSize = position.Size + size;
        position.AveragePrice = position.Size == 0m ? price : SimulatedMoney.Round((position.AveragePrice * position.Size + price * size) / newSize);
        position.Size = newSize;
        var margin = SimulatedMoney.Round(notional / position.Leverage);
        position.Margin += margin;
        return margin;
    }

    /// <returns>The margin released plus the realised PnL.</returns>
    private static decimal ClosePosition(SimulatedPosition position, decimal size, decimal price)
    {
        var pnl = position.PnlAt(price, size);
        var released = size == position.Size ? position.Margin : SimulatedMoney.Round(position.Margin * size / position.Size);
        position.Size -= size;
        position.Margin -= released;
        if (position.Size == 0m)
        {
            position.AveragePrice = 0m;
            position.Margin = 0m;
        }
        return released + pnl;
    }

    private ExchangeFill Emit(SimulatedOrder order, decimal size, decimal price, decimal fee, bool isLiquidation)
    {
        var instrument = order.Instrument;
        var tradeId = ++_lastTradeId;
        var fill = new ExchangeFill(
            tradeId.ToString(System.Globalization.CultureInfo.InvariantCulture), order.OrdId, order.ClOrdId,
            instrument.InstId, order.Side, order.PosSide, size, price, fee, _feeModel.FeeCurrency(instrument),
            NowMs(), isLiquidation);
        _fillHistory.Add(fill);
        if (_journal is null)
            _fills.Write(fill);   // with a store: published once committed
        return fill;
    }

    /// <summary>
    /// Freezes what a resting order's remaining size needs: quote for an opening, base for a spot sell, contracts for a
    /// swap close (a new order, or an amended one after its old reservation was released).
    /// </summary>
    private void Reserve(SimulatedOrder order, decimal frozenQuote)
    {
        if (!order.IsClosing)
        {
            order.FrozenQuote = frozenQuote;
            Quote.Frozen += frozenQuote;
        }
        else if (order.Book.IsSwap)
        {
            order.ReservedContracts = order.Remaining;
            order.Book.Position(order.PosSide).ReservedForClose += order.Remaining;
        }
        else
        {
            order.FrozenBase = order.Remaining;
            _wallet[order.Instrument.BaseCcy].Frozen += order.Remaining;
        }
    }

    /// <summary>Releases the share of the order's reservation that a fill of <paramref name="size"/> uses.</summary>
    private void ReleaseReservation(SimulatedOrder order, decimal size)
    {
        if (order.FrozenQuote != 0m)
        {
            var released = size == order.Remaining ? order.FrozenQuote : SimulatedMoney.Round(order.FrozenQuote * size / order.Remaining);
            order.FrozenQuote -= released;
            Quote.Frozen -= released;
        }
        if (order.FrozenBase != 0m)
        {
            order.FrozenBase -= size;
            _wallet[order.Instrument.BaseCcy].Frozen -= size;
        }
        if (order.ReservedContracts != 0m)
        {
            order.ReservedContracts -= size;
            order.Book.Position(order.PosSide).ReservedForClose -= size;
        }
    }

    /// <summary>Cancels a pending order: releases everything it still holds. The caller removes it from the resting list.</summary>
    private void CancelPending(SimulatedOrder order)
    {
        ReleaseReservation(order, order.Remaining);
        order.State = OrderState.Canceled;
        order.UpdatedMs = NowMs();
        Touch(order);
    }
}
