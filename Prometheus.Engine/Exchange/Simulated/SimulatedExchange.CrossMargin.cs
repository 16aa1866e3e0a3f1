using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Cross margin, as OKX runs it for a single-currency account: cross positions lock their initial margin from the
/// balance like isolated ones, but they are not liquidated one by one. The account's cross equity, cash (the quote
/// balance) plus the cross positions' margin and unrealised PnL, stands behind all of them; when it falls to their
/// maintenance margin (notional at the price × the instrument's maintenance margin rate, as for isolated), every cross
/// position of the instrument whose bar got there is liquidated at that price. Isolated positions are ring-fenced:
/// neither their margin nor their PnL counts.
/// With the instrument's price p the only unknown, equity − maintenance is linear in p: A + K·p, so the liquidation
/// price is −A/K, reached by a bar's low when the account is net long (K &gt; 0) and by its high when net short.
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <summary>The account's cross figures at the last prices: equity, initial and maintenance margin of cross positions.</summary>
    public SimulatedCrossMargin CrossMargin()
    {
        decimal equity = Quote.Total, initial = 0m, maintenance = 0m, notional = 0m;
        foreach (var book in _bookList)
        {
            if (!book.IsSwap || !book.HasBar)
                continue;
            var price = book.LastBar.Close;
            foreach (var position in (ReadOnlySpan<SimulatedPosition>)[book.Long!, book.Short!])
            {
                if (!position.IsCross || position.Size == 0m)
                    continue;
                equity += position.Margin + position.PnlAt(price, position.Size);
                initial += position.Margin;
                maintenance += position.MaintenanceAt(price);
                notional += book.Instrument.Notional(position.Size, price);
            }
        }
        return new SimulatedCrossMargin(equity, initial, SimulatedMoney.Round(maintenance), notional);
    }

    /// <summary>The price of <paramref name="book"/> at which the account's cross equity meets its maintenance margin; 0 when none.</summary>
    private decimal CrossLiquidationPrice(InstrumentBook book)
    {
        var (a, k) = CrossLine(book);
        if (k == 0m)
            return 0m;
        var price = -a / k;
        return price > 0m ? book.Instrument.RoundToTick(price) : 0m;
    }

    /// <summary>Liquidates the cross positions of <paramref name="book"/> if the bar took the account below maintenance.</summary>
    private void CheckCrossLiquidation(InstrumentBook book, in Candle bar)
    {
        if (!HasCross(book))
            return;
        var (a, k) = CrossLine(book);
        if (k == 0m)
        {
            if (a < 0m)
                LiquidateCross(book, bar.Close);
            return;
        }
        var price = -a / k;
        var reached = k > 0m ? bar.Low <= price : bar.High >= price;
        if (reached && price > 0m)
            LiquidateCross(book, book.Instrument.RoundToTick(price));
    }

    /// <summary>
    /// Equity − maintenance of the account's cross positions as A + K·p in the price p of <paramref name="book"/> (the
    /// other instruments' cross positions at their last close).
    /// </summary>
    private (decimal A, decimal K) CrossLine(InstrumentBook book)
    {
        decimal a = Quote.Total, k = 0m;
        foreach (var other in _bookList)
        {
            if (!other.IsSwap)
                continue;
            foreach (var position in (ReadOnlySpan<SimulatedPosition>)[other.Long!, other.Short!])
            {
                if (!position.IsCross || position.Size == 0m)
                    continue;
                if (other != book)
                {
                    var price = other.HasBar ? other.LastBar.Close : position.AveragePrice;
                    a += position.Margin + position.PnlAt(price, position.Size) - position.MaintenanceAt(price);
                    continue;
                }
                var contracts = position.Size * book.Instrument.ContractValue;
                var sign = position.Side == PositionSide.Long ? 1m : -1m;
                a += position.Margin - sign * position.AveragePrice * contracts;
                k += (sign - book.Instrument.MaintenanceMarginRate) * contracts;
            }
        }
        return (a, k);
    }

    /// <summary>
    /// Liquidates every cross position of <paramref name="book"/> at <paramref name="price"/> (OKX's liquidation fills);
    /// their pending orders are cancelled. The account's cash never goes below zero: a loss past it is the insurance fund's.
    /// </summary>
    private List<ExchangeFill> LiquidateCross(InstrumentBook book, decimal price)
    {
        var fills = new List<ExchangeFill>(2);
        foreach (var position in (ReadOnlySpan<SimulatedPosition>)[book.Long!, book.Short!])
        {
            if (!position.IsCross)
                continue;
            CancelOpeningOrders(book, position.Side);
            if (position.Size > 0m)
                fills.Add(LiquidateAt(book, position, price));
        }
        if (Quote.Total < 0m)
            Quote.Total = 0m;
        return fills;
    }

    private static bool HasCross(InstrumentBook book) =>
        book.IsSwap && ((book.Long!.IsCross && book.Long.Size > 0m) || (book.Short!.IsCross && book.Short.Size > 0m));

    private void CancelOpeningOrders(InstrumentBook book, PositionSide posSide)
    {
        var resting = book.Resting;
        var kept = 0;
        for (var i = 0; i < resting.Count; i++)
        {
            var order = resting[i];
            if (!order.IsClosing && order.PosSide == posSide)
                CancelPending(order);
            else
                resting[kept++] = order;
        }
        resting.RemoveRange(kept, resting.Count - kept);
    }
}

/// <summary>
/// The account's cross margin figures (quote currency): Equity = cash + cross margin + cross unrealised PnL;
/// Initial and Maintenance margin of the cross positions; their Notional. MarginRatio = equity / maintenance
/// (OKX's mgnRatio), null without cross positions.
/// </summary>
public sealed record SimulatedCrossMargin(decimal Equity, decimal Initial, decimal Maintenance, decimal Notional)
{
    public decimal? MarginRatio => Maintenance > 0m ? decimal.Round(Equity / Maintenance, 8) : null;
}
