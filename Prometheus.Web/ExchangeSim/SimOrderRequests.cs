using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// One order item of POST /trade/order or batch-orders, read as OKX reads it and placed on the simulated exchange.
/// Every refusal is an item with OKX's sCode and sMsg, never an exception. The simulated exchange trades spot in cash
/// and swaps in isolated margin, hedge mode (posSide required), market and limit orders.
/// </summary>
public static class SimOrderRequests
{
    public static OkxOrderResultWire Place(ExchangeSimServer sim, JsonElement item)
    {
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
        if (spot ? tdMode != "cash" : tdMode != ExchangeSimServer.MarginMode)
            return Refuse(OkxErrorCodes.ParameterError, $"Parameter tdMode error: {(spot ? "spot trades in cash" : "swaps trade in isolated margin here")}.");
        var side = SimHttp.Field(item, "side") switch { "buy" => OrderSide.Buy, "sell" => OrderSide.Sell, _ => (OrderSide?)null };
        if (side is null)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter side error.");
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
        if (!SimHttp.TryDecimal(SimHttp.Field(item, "sz"), out var size) || size <= 0m)
            return Refuse(OkxErrorCodes.ParameterError, "Parameter sz error.");
        decimal? price = null;
        if (type == OrderType.Limit)
        {
            if (!SimHttp.TryDecimal(SimHttp.Field(item, "px"), out var px))
                return Refuse(OkxErrorCodes.ParameterError, "Parameter px error.");
            price = px;
        }
        var (stopLoss, takeProfit, algoError) = SimAlgoBook.Read(item);
        if (algoError is not null)
            return Refuse(OkxErrorCodes.ParameterError, algoError);

        // OKX sizes a spot market buy in the quote currency unless tgtCcy says base_ccy (a sell in the base).
        var tgtCcy = SimHttp.Field(item, "tgtCcy") ?? (side == OrderSide.Buy ? "quote_ccy" : "base_ccy");
        if (spot && type == OrderType.Market && tgtCcy == "quote_ccy")
        {
            var last = sim.Read(e => e.LastBar(instId))?.Close ?? 0m;
            size = last > 0m ? instrument.RoundDownToLot(size / last) : 0m;
            if (size < instrument.MinSize)
                return Refuse(OkxErrorCodes.BelowMinSize, "Order amount should be greater than the minimum available amount.");
        }
        var reduceOnly = SimHttp.Field(item, "reduceOnly") == "true";
        var request = new OrderRequest(instId, clOrdId, side.Value, posSide.Value, type.Value, size, price, reduceOnly);
        var ack = sim.Run(exchange =>
        {
            // The protection is written down before the order exists, so an acknowledged order never lacks it.
            var algo = stopLoss is null && takeProfit is null || clOrdId.Length == 0
                ? null
                : sim.Algos.Add(instId, clOrdId, side.Value, posSide.Value, stopLoss, takeProfit);
            var placed = exchange.PlaceOrderAsync(request).Result;
            if (!placed.Accepted && algo is not null)
                sim.Algos.Remove(algo);
            if (placed.Accepted && exchange.GetOrderAsync(instId, placed.OrdId, null).Result is { State: OrderState.Live or OrderState.PartiallyFilled } order)
                sim.Touched(order);
            return placed;
        });
        return ack.Accepted
            ? Result(sim, clOrdId, ack.OrdId ?? "", tag, OkxErrorCodes.Ok, "Order placed")
            : Refuse(ack.Code, ack.Message);
    }

    public static OkxOrderResultWire Cancel(ExchangeSimServer sim, JsonElement item)
    {
        var instId = SimHttp.Field(item, "instId");
        var ordId = SimHttp.Field(item, "ordId");
        var clOrdId = SimHttp.Field(item, "clOrdId");
        if (string.IsNullOrEmpty(instId))
            return Result(sim, clOrdId ?? "", ordId ?? "", "", OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
        var ack = sim.Run(exchange =>
        {
            var cancelled = exchange.CancelOrderAsync(instId, ordId, clOrdId).Result;
            if (cancelled.Accepted)
                sim.Touched(exchange.GetOrderAsync(instId, cancelled.OrdId, null).Result);
            return cancelled;
        });
        return Result(sim, ack.ClOrdId, ack.OrdId ?? ordId ?? "", "", ack.Code, ack.Accepted ? "" : ack.Message);
    }

    public static OkxOrderResultWire Amend(ExchangeSimServer sim, JsonElement item)
    {
        var instId = SimHttp.Field(item, "instId");
        var ordId = SimHttp.Field(item, "ordId");
        var clOrdId = SimHttp.Field(item, "clOrdId");
        var reqId = SimHttp.Field(item, "reqId") ?? "";
        decimal? newSize = SimHttp.TryDecimal(SimHttp.Field(item, "newSz"), out var sz) ? sz : null;
        decimal? newPrice = SimHttp.TryDecimal(SimHttp.Field(item, "newPx"), out var px) ? px : null;
        if (string.IsNullOrEmpty(instId))
            return Result(sim, clOrdId ?? "", ordId ?? "", "", OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
        var ack = sim.Run(exchange =>
        {
            var amended = exchange.AmendOrderAsync(instId, ordId, clOrdId, newSize, newPrice).Result;
            if (amended.Accepted)
                sim.Touched(exchange.GetOrderAsync(instId, amended.OrdId, null).Result);
            return amended;
        });
        var result = Result(sim, ack.ClOrdId, ack.OrdId ?? ordId ?? "", "", ack.Code, ack.Accepted ? "" : ack.Message);
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

    private static OkxOrderResultWire Result(ExchangeSimServer sim, string clOrdId, string ordId, string tag, string code, string msg) => new()
    {
        ClOrdId = clOrdId, OrdId = ordId, Tag = tag, SCode = code, SMsg = msg, Ts = OkxJson.Format(sim.NowMs),
    };
}
