namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Amending a resting limit order's size and/or price in place, as OKX's amend-order does: the order keeps its ordId
/// and clOrdId, its reservation is redone for the new remaining size and price, and a new price that crosses the last
/// bar fills at once as a taker. Refusals use OKX's amend codes.
/// </summary>
public sealed partial class SimulatedExchange
{
    public const string AmendOrderNotFound = "51503";
    public const string AmendCanceled = "51509";
    public const string AmendCompleted = "51510";

    /// <param name="newSize">The new total size (filled part included), or null to keep it.</param>
    /// <param name="newPrice">The new limit price, or null to keep it.</param>
    public ValueTask<OrderAck> AmendOrderAsync(string instId, string? ordId, string? clOrdId, decimal? newSize, decimal? newPrice, CancellationToken ct = default)
    {
        EnsureUsable();
        var ack = Amend(instId, ordId, clOrdId, newSize, newPrice);
        Committed();
        return new(ack);
    }

    private OrderAck Amend(string instId, string? ordId, string? clOrdId, decimal? newSize, decimal? newPrice)
    {
        var echo = clOrdId ?? "";
        if (FindBook(instId) is not { } book)
            return Reject(echo, OkxErrorCodes.InstrumentNotFound, $"Instrument ID {instId} does not exist.");
        if (string.IsNullOrEmpty(ordId) && string.IsNullOrEmpty(clOrdId))
            return Reject(echo, OkxErrorCodes.OrderIdRequired, "Either client order ID or order ID is required.");
        if (newSize is null && newPrice is null)
            return Reject(echo, OkxErrorCodes.ParameterError, "Parameter error: newSz or newPx is required.");
        if (Find(instId, ordId, clOrdId) is not { } order)
            return Reject(echo, AmendOrderNotFound, "Order modification failed as the order does not exist.");
        if (order.State == OrderState.Canceled)
            return new OrderAck(order.ClOrdId, order.OrdId, AmendCanceled, "Modification failed as the order has been canceled.");
        if (order.State == OrderState.Filled)
            return new OrderAck(order.ClOrdId, order.OrdId, AmendCompleted, "Modification failed as the order has been completed.");

        var instrument = book.Instrument;
        var size = newSize ?? order.Size;
        var price = newPrice ?? order.Price!.Value;
        if (size <= order.FilledSize || size > MaxOrderSize || size % instrument.LotSize != 0m)
            return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.ParameterError, $"Parameter newSz error: {size} must exceed the filled {order.FilledSize}, be at most {MaxOrderSize} and a multiple of {instrument.LotSize}.");
        if (price <= 0m || price > MaxOrderPrice || price % instrument.TickSize != 0m)
            return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.ParameterError, $"Parameter newPx error: {price} is not a positive multiple of {instrument.TickSize} up to {MaxOrderPrice}.");

        var remaining = size - order.FilledSize;
        var frozenQuote = order.IsClosing ? 0m : OpeningCost(book, order.PosSide, remaining, price);
        if (!order.IsClosing && frozenQuote > Quote.Available + order.FrozenQuote)
            return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.InsufficientBalance, $"Insufficient {_quoteCcy} balance.");
        if (order.IsClosing && book.IsSwap && remaining > book.Position(order.PosSide).AvailableToClose + order.ReservedContracts)
            return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.CloseExceedsPosition, "Close order size exceeds your available size.");
        if (order.IsClosing && !book.IsSwap && remaining > _wallet[instrument.BaseCcy].Available + order.FrozenBase)
            return new OrderAck(order.ClOrdId, order.OrdId, OkxErrorCodes.InsufficientBalance, $"Insufficient {instrument.BaseCcy} balance.");

        ReleaseReservation(order, order.Remaining);
        order.Size = size;
        order.Price = price;
        order.UpdatedMs = NowMs();
        Reserve(order, frozenQuote);
        Touch(order);
        TakeIfMarketable(book, order);
        return OrderAck.Ok(order.ClOrdId, order.OrdId);
    }
}
