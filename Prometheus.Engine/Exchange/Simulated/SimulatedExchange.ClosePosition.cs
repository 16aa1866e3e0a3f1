namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// OKX's close-position: the side's resting close orders give way (they reserve the contracts), then one reduce-only
/// market order closes the whole position, all in one commit. Everything that could refuse the close is checked
/// before anything moves, so a refused close changes nothing (its resting orders stay where they were).
/// </summary>
public sealed partial class SimulatedExchange
{
    /// <param name="clOrdId">The closing order's client id; empty closes as OKX does without one (no clOrdId on the fill, no bar-volume cap).</param>
    public ValueTask<OrderAck> ClosePositionAsync(string instId, PositionSide posSide, string? clOrdId, CancellationToken ct = default)
    {
        EnsureUsable();
        var ack = ClosePosition(instId, posSide, clOrdId ?? "");
        Committed();
        return new(ack);
    }

    private OrderAck ClosePosition(string instId, PositionSide posSide, string clOrdId)
    {
        if (FindBook(instId) is not { IsSwap: true } book)
            return Reject(clOrdId, OkxErrorCodes.InstrumentNotFound, $"Instrument ID {instId} does not exist or is not a swap.");
        if (!Enum.IsDefined(posSide))
            return Reject(clOrdId, OkxErrorCodes.ParameterError, "Parameter posSide error: long or short.");
        var position = book.Position(posSide);
        if (position.Size == 0m)
            return Reject(clOrdId, OkxErrorCodes.PositionDoesNotExist, "Position does not exist.");
        var side = posSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        var request = new OrderRequest(instId, clOrdId, side, posSide, OrderType.Market, position.Size, null, ReduceOnly: true);
        var byHand = clOrdId.Length == 0;
        if (CloseRefusal(book, request, byHand) is { } refusal)
            return refusal with { ClOrdId = clOrdId };

        CancelCloseOrders(book, posSide);
        // Checked above: with the close orders gone the whole size is available, so Submit cannot refuse it.
        return Submit(request, outside: byHand);
    }

    /// <summary>What <see cref="Submit"/> would refuse of the closing order once the side's close orders are cancelled.</summary>
    private OrderAck? CloseRefusal(InstrumentBook book, OrderRequest request, bool byHand)
    {
        if (CheckParameters(book.Instrument, request) is { } parameterError)
            return parameterError;
        if (!book.HasBar)
            return Reject("", OkxErrorCodes.ParameterError, $"No market price for {request.InstId} yet.");
        if (byHand)
            return null;
        if (!IsValidClOrdId(request.ClOrdId ?? ""))
            return Reject("", OkxErrorCodes.ParameterError, "Parameter clOrdId error: 1 to 32 letters or digits.");
        if (_byClOrdId.ContainsKey(request.ClOrdId!))
            return Reject("", OkxErrorCodes.DuplicateClOrdId, $"Duplicated clOrdId {request.ClOrdId}.");
        if (book.LastBar.IsEmpty || _fillModel.MaxFillSize(book.Instrument, book.LastBar) <= 0m)
            return Reject("", OkxErrorCodes.NoLiquidity, $"No liquidity: the last {request.InstId} bar is too thin for one lot.");
        return null;
    }
}
