using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Private trade REST: place (single and batch), cancel (single and batch), amend, close a position, look orders up,
/// list pending orders, order history (7 days; archive 3 months) and fills (3 days; history 3 months). Lists are
/// newest first with OKX's after/before cursors (ordId for orders, billId for fills) and begin/end times.
/// </summary>
public static class SimTradeEndpoints
{
    private const int MaxBatch = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v5/trade/order", (HttpContext context, ExchangeSimServer sim) => One(context, item => SimOrderRequests.Place(sim, item)));

        app.MapPost("/api/v5/trade/batch-orders", (HttpContext context, ExchangeSimServer sim) =>
            Batch(context, items => items.Select(i => SimOrderRequests.Place(sim, i)).ToList()));

        app.MapPost("/api/v5/trade/cancel-order", (HttpContext context, ExchangeSimServer sim) => One(context, item => SimOrderRequests.Cancel(sim, item)));

        app.MapPost("/api/v5/trade/cancel-batch-orders", (HttpContext context, ExchangeSimServer sim) =>
            Batch(context, items => items.Select(i => SimOrderRequests.Cancel(sim, i)).ToList()));

        app.MapPost("/api/v5/trade/amend-order", (HttpContext context, ExchangeSimServer sim) => One(context, item => SimOrderRequests.Amend(sim, item)));

        app.MapPost("/api/v5/trade/close-position", (HttpContext context, ExchangeSimServer sim) => ClosePosition(context, sim));

        app.MapGet("/api/v5/trade/order", (HttpContext context, ExchangeSimServer sim) =>
        {
            var instId = SimHttp.Query(context, "instId");
            var ordId = SimHttp.Query(context, "ordId");
            var clOrdId = SimHttp.Query(context, "clOrdId");
            if (instId is null)
                return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
            if (ordId is null && clOrdId is null)
                return SimHttp.Error(OkxErrorCodes.OrderIdRequired, "Either client order ID or order ID is required.");
            var wire = sim.Read(exchange => exchange.GetOrderAsync(instId, ordId, clOrdId).Result is { } order
                ? sim.OrderWire(order, LastFill(exchange, order))
                : null);
            return wire is null ? SimHttp.Error(OkxErrorCodes.OrderDoesNotExist, "Order does not exist.") : SimHttp.Ok([wire]);
        });

        app.MapGet("/api/v5/trade/orders-pending", (HttpContext context, ExchangeSimServer sim) =>
            Orders(context, sim, pending: true, window: null));
        app.MapGet("/api/v5/trade/orders-history", (HttpContext context, ExchangeSimServer sim) =>
            Orders(context, sim, pending: false, window: TimeSpan.FromDays(7)));
        app.MapGet("/api/v5/trade/orders-history-archive", (HttpContext context, ExchangeSimServer sim) =>
            Orders(context, sim, pending: false, window: TimeSpan.FromDays(90)));
        app.MapGet("/api/v5/trade/fills", (HttpContext context, ExchangeSimServer sim) =>
            Fills(context, sim, TimeSpan.FromDays(3), instTypeRequired: false));
        app.MapGet("/api/v5/trade/fills-history", (HttpContext context, ExchangeSimServer sim) =>
            Fills(context, sim, TimeSpan.FromDays(90), instTypeRequired: true));
    }

    private static JsonElement Body(HttpContext context) => SimAccountEndpoints.Parse(context);

    private static IResult One(HttpContext context, Func<JsonElement, OkxOrderResultWire> run) =>
        Body(context) is { ValueKind: JsonValueKind.Object } item
            ? SimOrderRequests.Answer([run(item)])
            : SimHttp.Error("50002", "JSON syntax error");

    private static IResult Batch(HttpContext context, Func<List<JsonElement>, List<OkxOrderResultWire>> run)
    {
        var body = Body(context);
        if (body.ValueKind != JsonValueKind.Array)
            return SimHttp.Error("50002", "JSON syntax error");
        var items = body.EnumerateArray().ToList();
        if (items.Count == 0 || items.Count > MaxBatch)
            return SimHttp.Error(OkxErrorCodes.ParameterError, $"Parameter error: a batch holds 1 to {MaxBatch} orders.");
        return SimOrderRequests.Answer(run(items));
    }

    private static IResult ClosePosition(HttpContext context, ExchangeSimServer sim)
    {
        var body = Body(context);
        var instId = SimHttp.Field(body, "instId");
        var mgnMode = SimHttp.Field(body, "mgnMode");
        var clOrdId = SimHttp.Field(body, "clOrdId") ?? "";
        var posSide = SimHttp.Field(body, "posSide") switch { "long" => PositionSide.Long, "short" => PositionSide.Short, _ => (PositionSide?)null };
        if (instId is null || mgnMode is null)
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId and mgnMode cannot be empty.");
        if (posSide is null)
            return SimHttp.Error(OkxErrorCodes.ParameterError, "Parameter posSide error: long or short in long_short_mode.");
        if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { Kind: InstrumentKind.Swap })
            return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        var error = sim.Run<string?>(exchange =>
        {
            var position = exchange.GetPositionsAsync(instId).Result.FirstOrDefault(p => p.PosSide == posSide);
            if (position is null)
                return OkxErrorCodes.PositionDoesNotExist;
            // Resting close orders give way, as OKX's close-position cancels them (autoCxl), then one market order closes all.
            foreach (var order in exchange.GetPendingOrdersAsync(instId).Result.Where(o => o.PosSide == posSide && IsClosing(o)))
                sim.Touched(exchange.CancelOrderAsync(instId, order.OrdId, null).Result is { Accepted: true } ? order : null);
            if (clOrdId.Length == 0)
            {
                exchange.ClosePositionByHand(instId, posSide.Value);
                return null;
            }
            var side = posSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
            var ack = exchange.PlaceOrderAsync(new OrderRequest(instId, clOrdId, side, posSide.Value, OrderType.Market, position.Size, null, ReduceOnly: true)).Result;
            return ack.Accepted ? null : ack.Code;
        });
        if (error == OkxErrorCodes.PositionDoesNotExist)
            return SimHttp.Error(error, "Position does not exist.");
        if (error is not null)
            return SimHttp.Error(error, "Close position failed.");
        return SimHttp.Ok([new OkxClosePositionWire { InstId = instId, PosSide = posSide == PositionSide.Long ? "long" : "short", ClOrdId = clOrdId }]);
    }

    private static bool IsClosing(ExchangeOrder o) => (o.Side == OrderSide.Sell) == (o.PosSide == PositionSide.Long);

    private static IResult Orders(HttpContext context, ExchangeSimServer sim, bool pending, TimeSpan? window)
    {
        var instType = SimHttp.Query(context, "instType");
        if (!pending && instType is null)
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instType cannot be empty.");
        var instId = SimHttp.Query(context, "instId");
        var state = SimHttp.Query(context, "state");
        var ordType = SimHttp.Query(context, "ordType");
        var after = Number(context, "after");
        var before = Number(context, "before");
        var begin = Number(context, "begin") ?? (window is { } w ? sim.NowMs - (long)w.TotalMilliseconds : null);
        var end = Number(context, "end");
        var limit = SimHttp.Limit(context, 100);
        var wires = sim.Read(exchange =>
        {
            var orders = pending ? exchange.GetPendingOrdersAsync(instId).Result : exchange.GetOrderHistoryAsync(instId).Result;
            var fills = exchange.GetFillsAsync(instId).Result;
            return orders
                .Where(o => instType is null || OkxWireWriter.InstType(Instrument.Get(o.InstId)) == instType)
                .Where(o => state is null || OkxWireWriter.State(o.State) == state)
                .Where(o => ordType is null || OkxWireWriter.OrdType(o.Type) == ordType)
                .Where(o => (after is null || Id(o.OrdId) < after) && (before is null || Id(o.OrdId) > before))
                .Where(o => (begin is null || o.CreatedMs >= begin) && (end is null || o.CreatedMs <= end))
                .OrderByDescending(o => Id(o.OrdId))
                .Take(limit)
                .Select(o => (object)sim.OrderWire(o, fills.LastOrDefault(f => f.OrdId == o.OrdId)))
                .ToList();
        });
        return SimHttp.Ok(wires);
    }

    private static IResult Fills(HttpContext context, ExchangeSimServer sim, TimeSpan window, bool instTypeRequired)
    {
        var instType = SimHttp.Query(context, "instType");
        if (instTypeRequired && instType is null)
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instType cannot be empty.");
        var instId = SimHttp.Query(context, "instId");
        var ordId = SimHttp.Query(context, "ordId");
        var after = Number(context, "after");
        var before = Number(context, "before");
        var begin = Number(context, "begin") ?? sim.NowMs - (long)window.TotalMilliseconds;
        var end = Number(context, "end");
        var limit = SimHttp.Limit(context, 100);
        var wires = sim.Read(exchange => exchange.GetFillsAsync(instId).Result
            .Where(f => instType is null || OkxWireWriter.InstType(Instrument.Get(f.InstId)) == instType)
            .Where(f => ordId is null || f.OrdId == ordId)
            .Where(f => (after is null || Id(f.TradeId) < after) && (before is null || Id(f.TradeId) > before))
            .Where(f => f.TimestampMs >= begin && (end is null || f.TimestampMs <= end))
            .OrderByDescending(f => Id(f.TradeId))
            .Take(limit)
            .Select(f => (object)OkxWireWriter.Fill(f, Instrument.Get(f.InstId)))
            .ToList());
        return SimHttp.Ok(wires);
    }

    private static ExchangeFill? LastFill(SimulatedExchange exchange, ExchangeOrder order) =>
        order.FilledSize == 0m ? null : exchange.GetFillsAsync(order.InstId).Result.LastOrDefault(f => f.OrdId == order.OrdId);

    private static long? Number(HttpContext context, string name) => SimHttp.TryLong(SimHttp.Query(context, name), out var value) ? value : null;

    private static long Id(string id) => SimHttp.TryLong(id, out var value) ? value : 0;
}
