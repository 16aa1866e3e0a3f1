namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Read-only views of the book and the account. Lists are in production order (ordId / tradeId ascending).
/// With a store, they throw <see cref="ExchangeStoreException"/> once a commit has failed (memory is then ahead of the store).
/// </summary>
public sealed partial class SimulatedExchange
{
    public ValueTask<ExchangeOrder?> GetOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default)
    {
        EnsureUsable();
        return new(Find(instId, ordId, clOrdId)?.ToRecord());
    }

    /// <summary>Live and partially filled orders, oldest first.</summary>
    public ValueTask<IReadOnlyList<ExchangeOrder>> GetPendingOrdersAsync(string? instId = null, CancellationToken ct = default)
    {
        EnsureUsable();
        var pending = new List<SimulatedOrder>();
        foreach (var book in _bookList)
        {
            if (instId is null || book.Instrument.InstId == instId)
                pending.AddRange(book.Resting);
        }
        pending.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return new(pending.ConvertAll(static o => o.ToRecord()));
    }

    /// <summary>Completed orders (filled or canceled) last updated at or after <paramref name="sinceMs"/>, oldest first.</summary>
    public ValueTask<IReadOnlyList<ExchangeOrder>> GetOrderHistoryAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default)
    {
        EnsureUsable();
        var history = new List<ExchangeOrder>();
        foreach (var order in _orders)
        {
            if (!order.IsPending && (instId is null || order.Instrument.InstId == instId) && (sinceMs is null || order.UpdatedMs >= sinceMs))
                history.Add(order.ToRecord());
        }
        return new(history);
    }

    /// <summary>Fills at or after <paramref name="sinceMs"/>, in production order.</summary>
    public ValueTask<IReadOnlyList<ExchangeFill>> GetFillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default)
    {
        EnsureUsable();
        var fills = new List<ExchangeFill>();
        foreach (var fill in _fillHistory)
        {
            if ((instId is null || fill.InstId == instId) && (sinceMs is null || fill.TimestampMs >= sinceMs))
                fills.Add(fill);
        }
        return new(fills);
    }

    /// <summary>Open swap positions (size &gt; 0), long before short, unrealised PnL at the last close.</summary>
    public ValueTask<IReadOnlyList<ExchangePosition>> GetPositionsAsync(string? instId = null, CancellationToken ct = default)
    {
        EnsureUsable();
        var positions = new List<ExchangePosition>();
        foreach (var book in _bookList)
        {
            if (!book.IsSwap || (instId is not null && book.Instrument.InstId != instId))
                continue;
            var crossPrice = HasCross(book) ? CrossLiquidationPrice(book) : 0m;
            foreach (var position in (ReadOnlySpan<SimulatedPosition>)[book.Long!, book.Short!])
            {
                if (position.Size > 0m)
                    positions.Add(position.ToRecord(book.LastBar.Close, crossPrice));
            }
        }
        return new(positions);
    }

    /// <summary>
    /// The quote currency (USDT) first, then each spot base currency. Total = Available + Frozen (reserved by
    /// resting orders). Isolated swap margin is not in the USDT total; it is reported on the positions.
    /// </summary>
    public ValueTask<IReadOnlyList<ExchangeBalance>> GetBalancesAsync(CancellationToken ct = default)
    {
        EnsureUsable();
        var balances = new List<ExchangeBalance>(_wallet.Currencies.Count);
        foreach (var ccy in _wallet.Currencies)
            balances.Add(_wallet[ccy].ToRecord(ccy));
        return new(balances);
    }

    /// <summary>The last bar's close of <paramref name="instId"/>.</summary>
    /// <exception cref="InvalidOperationException">No bar has arrived for it yet.</exception>
    public decimal LastPrice(string instId)
    {
        var book = FindBook(instId) ?? throw new ArgumentException($"Unknown instrument '{instId}'.", nameof(instId));
        return book.HasBar ? book.LastBar.Close : throw new InvalidOperationException($"No bar for {instId} yet.");
    }

    /// <summary>Open time (Unix ms) of the last bar of <paramref name="instId"/> the exchange has seen, or null before any.</summary>
    public long? LastBarTimestampMs(string instId) => FindBook(instId) is { HasBar: true } book ? book.LastBar.TimestampMs : null;

    /// <summary>USDT + spot holdings at their last price + swap margins + unrealised PnL at the last close.</summary>
    public decimal TotalEquityUsdt()
    {
        var equity = Quote.Total;
        foreach (var book in _bookList)
        {
            if (book.IsSwap)
            {
                var last = book.LastBar.Close;
                equity += book.Long!.Margin + book.Long.PnlAt(last, book.Long.Size);
                equity += book.Short!.Margin + book.Short.PnlAt(last, book.Short.Size);
            }
        }
        foreach (var ccy in _wallet.Currencies)
        {
            var held = _wallet[ccy].Total;
            if (ccy != _quoteCcy && held != 0m)
                equity += held * SpotPrice(ccy);
        }
        return equity;
    }

    private decimal SpotPrice(string baseCcy)
    {
        foreach (var book in _bookList)
        {
            if (!book.IsSwap && book.Instrument.BaseCcy == baseCcy && book.HasBar)
                return book.LastBar.Close;
        }
        throw new InvalidOperationException($"No spot price for {baseCcy} yet.");
    }
}
