using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The order items of POST /trade/order, batch-orders, cancel-order, cancel-batch-orders and amend-order. Every item of
/// a request is read and checked in full before any of them acts, so a bad item is answered with its own sCode and
/// sMsg and stops nothing else, and a refused item changed nothing. The simulated exchange trades spot in cash and
/// swaps in isolated or cross margin (a side in one mode at a time), hedge mode (posSide required), market and limit orders.
/// </summary>
public static class SimOrderRequests
{
    private const string AttachAlgoOrds = "attachAlgoOrds";

    /// <summary>An order item read in full: what to place. <see cref="Size"/> is in the quote currency when <see cref="SizedInQuote"/>.</summary>
    private sealed record NewOrder(Instrument Instrument, string ClOrdId, string Tag, OrderSide Side, PositionSide PosSide, OrderType Type,
        decimal Size, decimal? Price, bool ReduceOnly, bool SizedInQuote, decimal? StopLoss, decimal? TakeProfit, SimulatedMarginMode Mode);

    private sealed record OrderRef(string InstId, string? OrdId, string? ClOrdId);

    private sealed record Amendment(OrderRef Order, decimal? NewSize, decimal? NewPrice);

    /// <summary>Reads every item, then places the valid ones in turn.</summary>
    public static List<OkxOrderResultWire> Place(ExchangeSimServer sim, IReadOnlyList<JsonElement> items) =>
        [.. items.Select(item => (Refusal: ReadOrder(sim, item, out var order), Order: order)).ToList()
            .Select(read => read.Refusal ?? Place(sim, read.Order!))];

    /// <summary>Reads every item, then cancels the valid ones in turn.</summary>
    public static List<OkxOrderResultWire> Cancel(ExchangeSimServer sim, IReadOnlyList<JsonElement> items) =>
        [.. items.Select(item => (Refusal: ReadRef(sim, item, out var order), Order: order)).ToList()
            .Select(read => read.Refusal ?? Cancel(sim, read.Order!))];

    public static OkxOrderResultWire Amend(ExchangeSimServer sim, JsonElement item)
    {
        var reqId = SimRequestJson.ShapeError(item) is null ? SimHttp.Field(item, "reqId") ?? "" : "";
        var result = ReadAmendment(sim, item, out var amendment) ?? Amend(sim, amendment!);
        result.ReqId = reqId;
        return result;
    }

    /// <summary>{code, msg, data} of an order operation: 0 when every item succeeded, 1 when all failed, 2 when some did.</summary>
    public static IResult Answer(IReadOnlyList<OkxOrderResultWire> items)
    {
        var failed = items.Count(i => i.SCode != OkxErrorCodes.Ok);
        return failed == 0 ? SimHttp.Ok(items)
            : failed == items.Count ? SimHttp.Envelope(OkxErrorCodes.OperationFailed, "All operations failed", items)
            : SimHttp.Envelope(OkxErrorCodes.PartiallySucceeded, "Bulk operation partially succeeded", items);
    }

    /// <returns>Null with <paramref name="order"/> set, or the item's refusal.</returns>
    private static OkxOrderResultWire? ReadOrder(ExchangeSimServer sim, JsonElement item, out NewOrder? order)
    {
        order = null;
        if (SimRequestJson.ShapeError(item, AttachAlgoOrds) is { } shapeError)
            return Result(sim, "", "", "", OkxErrorCodes.ParameterError, shapeError);
        var clOrdId = SimHttp.Field(item, "clOrdId") ?? "";
        var tag = SimHttp.Field(item, "tag") ?? "";
        OkxOrderResultWire Refuse(string code, string msg) => Result(sim, clOrdId, "", tag, code, msg);

        foreach (var name in (ReadOnlySpan<string>)["instId", "tdMode", "side", "ordType", "sz"])
        {
            if (string.IsNullOrEmpty(SimHttp.Field(item, name)))
                return Refuse(OkxErrorCodes.ParameterEmpty, $"Parameter {name} cannot be empty.");
        }
        var instId = SimHttp.Field(item, "instId")!;
        if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { } instrument)
            return Refuse(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        var spot = instrument.Kind == InstrumentKind.Spot;
        var tdMode = SimHttp.Field(item, "tdMode");
        var mode = ExchangeSimServer.ParseMgnMode(tdMode);
        if (spot ? tdMode != "cash" : mode is null)
            return Refuse(OkxErrorCodes.ParameterError, $"Parameter tdMode error: {(spot ? "spot trades in cash" : "swaps trade in isolated or cross margin")}.");
        var side = SimHttp.Field(item, "side") switch { "buy" => OrderSide.Buy, "sell" => OrderSide.Sell, _ => (OrderSide?)null };
        if (side is null)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter side error");
        var posSide = spot ? PositionSide.Long : SimHttp.Field(item, "posSide") switch
        {
            "long" => PositionSide.Long,
            "short" => PositionSide.Short,
            _ => (PositionSide?)null,
        };
        if (posSide is null)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter posSide error: long or short in long_short_mode.");
        var type = SimHttp.Field(item, "ordType") switch { "market" => OrderType.Market, "limit" => OrderType.Limit, _ => (OrderType?)null };
        if (type is null)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter ordType error: the simulated exchange takes market and limit orders.");
        if (!SimHttp.TryDecimal(SimHttp.Field(item, "sz"), out var size) || size <= 0m || size > SimulatedExchange.MaxOrderSize)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter sz error");
        decimal? price = null;
        if (type == OrderType.Limit)
        {
            if (!SimHttp.TryDecimal(SimHttp.Field(item, "px"), out var px))
                return Refuse(OkxErrorCodes.ParameterError, "Parameter px error");
            price = px;
        }
        var (stopLoss, takeProfit, algoError) = SimAlgoBook.Read(item);
        if (algoError is not null)
            return Refuse(OkxErrorCodes.ParameterError, algoError);
        // OKX sizes a spot market buy in the quote currency unless tgtCcy says base_ccy (a sell in the base).
        var tgtCcy = SimHttp.Field(item, "tgtCcy") ?? (side == OrderSide.Buy ? "quote_ccy" : "base_ccy");
        if (tgtCcy is not ("quote_ccy" or "base_ccy"))
            return Refuse(OkxErrorCodes.ParameterError, "Parameter tgtCcy error");
        var reduceOnly = SimHttp.Field(item, "reduceOnly") switch { "true" => true, null or "false" or "" => false, _ => (bool?)null };
        if (reduceOnly is null)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter reduceOnly error");
        order = new NewOrder(instrument, clOrdId, tag, side.Value, posSide.Value, type.Value, size, price, reduceOnly.Value,
            spot && type == OrderType.Market && tgtCcy == "quote_ccy", stopLoss, takeProfit, mode ?? SimulatedMarginMode.Isolated);
        return null;
    }

    private static OkxOrderResultWire Place(ExchangeSimServer sim, NewOrder order)
    {
        var instId = order.Instrument.InstId;
        var ack = sim.Run(exchange =>
        {
            var size = order.Size;
            if (order.SizedInQuote)
            {
                var last = exchange.LastBar(instId)?.Close ?? 0m;
                size = last > 0m ? order.Instrument.RoundDownToLot(size / last) : 0m;
                if (size < order.Instrument.MinSize)
                    return OrderAck.Reject(order.ClOrdId, OkxErrorCodes.BelowMinSize, "Order amount should be greater than the minimum available amount.");
            }
            var request = new OrderRequest(instId, order.ClOrdId, order.Side, order.PosSide, order.Type, size, order.Price, order.ReduceOnly);
            // The protection is written down before the order exists, so an acknowledged order never lacks it; a
            // refused order (or one that failed) takes it away again, so no algo outlives a refusal.
            var algo = order.StopLoss is null && order.TakeProfit is null
                ? null
                : sim.Algos.Add(instId, order.ClOrdId, order.Side, order.PosSide, order.StopLoss, order.TakeProfit);
            OrderAck placed;
            try
            {
                placed = exchange.PlaceOrderAsync(request, order.Mode).Result;
            }
            catch when (algo is not null)
            {
                sim.Algos.Remove(algo);
                throw;
            }
            if (!placed.Accepted && algo is not null)
                sim.Algos.Remove(algo);
            if (placed.Accepted && exchange.GetOrderAsync(instId, placed.OrdId, null).Result is { State: OrderState.Live or OrderState.PartiallyFilled } live)
                sim.Touched(live);
            return placed;
        });
        return ack.Accepted
            ? Result(sim, order.ClOrdId, ack.OrdId ?? "", order.Tag, OkxErrorCodes.Ok, "Order placed")
            : Result(sim, order.ClOrdId, "", order.Tag, ack.Code, ack.Message);
    }

    private static OkxOrderResultWire? ReadRef(ExchangeSimServer sim, JsonElement item, out OrderRef? order)
    {
        order = null;
        if (SimRequestJson.ShapeError(item) is { } shapeError)
            return Result(sim, "", "", "", OkxErrorCodes.ParameterError, shapeError);
        var instId = SimHttp.Field(item, "instId");
        var ordId = SimHttp.Field(item, "ordId");
        var clOrdId = SimHttp.Field(item, "clOrdId");
        if (string.IsNullOrEmpty(instId))
            return Result(sim, clOrdId ?? "", ordId ?? "", "", OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
        order = new OrderRef(instId, ordId, clOrdId);
        return null;
    }

    private static OkxOrderResultWire Cancel(ExchangeSimServer sim, OrderRef order)
    {
        var ack = sim.Run(exchange =>
        {
            var cancelled = exchange.CancelOrderAsync(order.InstId, order.OrdId, order.ClOrdId).Result;
            if (cancelled.Accepted)
                sim.Touched(exchange.GetOrderAsync(order.InstId, cancelled.OrdId, null).Result);
            return cancelled;
        });
        return Result(sim, ack.ClOrdId, ack.OrdId ?? order.OrdId ?? "", "", ack.Code, ack.Accepted ? "" : ack.Message);
    }

    private static OkxOrderResultWire? ReadAmendment(ExchangeSimServer sim, JsonElement item, out Amendment? amendment)
    {
        amendment = null;
        if (ReadRef(sim, item, out var order) is { } refusal)
            return refusal;
        decimal? newSize = null, newPrice = null;
        if (SimHttp.Field(item, "newSz") is { Length: > 0 } sizeText)
        {
            if (!SimHttp.TryDecimal(sizeText, out var size))
                return Result(sim, order!.ClOrdId ?? "", order.OrdId ?? "", "", OkxErrorCodes.ParameterError, "Parameter newSz error");
            newSize = size;
        }
        if (SimHttp.Field(item, "newPx") is { Length: > 0 } priceText)
        {
            if (!SimHttp.TryDecimal(priceText, out var price))
                return Result(sim, order!.ClOrdId ?? "", order.OrdId ?? "", "", OkxErrorCodes.ParameterError, "Parameter newPx error");
            newPrice = price;
        }
        amendment = new Amendment(order!, newSize, newPrice);
        return null;
    }

    private static OkxOrderResultWire Amend(ExchangeSimServer sim, Amendment amendment)
    {
        var order = amendment.Order;
        var ack = sim.Run(exchange =>
        {
            var amended = exchange.AmendOrderAsync(order.InstId, order.OrdId, order.ClOrdId, amendment.NewSize, amendment.NewPrice).Result;
            if (amended.Accepted)
                sim.Touched(exchange.GetOrderAsync(order.InstId, amended.OrdId, null).Result);
            return amended;
        });
        return Result(sim, ack.ClOrdId, ack.OrdId ?? order.OrdId ?? "", "", ack.Code, ack.Accepted ? "" : ack.Message);
    }

    private static OkxOrderResultWire Result(ExchangeSimServer sim, string clOrdId, string ordId, string tag, string code, string msg) => new()
    {
        ClOrdId = clOrdId, OrdId = ordId, Tag = tag, SCode = code, SMsg = msg, Ts = OkxJson.Format(sim.NowMs),
    };
}
