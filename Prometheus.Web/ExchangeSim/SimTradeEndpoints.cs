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
    public static void Map(IEndpointRouteBuilder app)
    {
        var trade = app.MapGroup("/api/v5/trade").RequireOkxSignature();

        trade.MapPost("/order", (HttpContext context, ExchangeSimServer sim) => One(context, item => SimOrderRequests.Place(sim, [item])[0]));
        trade.MapPost("/batch-orders", (HttpContext context, ExchangeSimServer sim) => Batch(context, items => SimOrderRequests.Place(sim, items)));
        trade.MapPost("/cancel-order", (HttpContext context, ExchangeSimServer sim) => One(context, item => SimOrderRequests.Cancel(sim, [item])[0]));
        trade.MapPost("/cancel-batch-orders", (HttpContext context, ExchangeSimServer sim) => Batch(context, items => SimOrderRequests.Cancel(sim, items)));
        trade.MapPost("/amend-order", (HttpContext context, ExchangeSimServer sim) => One(context, item => SimOrderRequests.Amend(sim, item)));
        trade.MapPost("/close-position", ClosePosition);

        trade.MapGet("/order", (HttpContext context, ExchangeSimServer sim) =>
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

        trade.MapGet("/orders-pending", (HttpContext context, ExchangeSimServer sim) =>
            Orders(context, sim, pending: true, window: null));
        trade.MapGet("/orders-history", (HttpContext context, ExchangeSimServer sim) =>
            Orders(context, sim, pending: false, window: TimeSpan.FromDays(7)));
        trade.MapGet("/orders-history-archive", (HttpContext context, ExchangeSimServer sim) =>
            Orders(context, sim, pending: false, window: TimeSpan.FromDays(90)));
        trade.MapGet("/fills", (HttpContext context, ExchangeSimServer sim) =>
            Fills(context, sim, TimeSpan.FromDays(3), instTypeRequired: false));
        trade.MapGet("/fills-history", (HttpContext context, ExchangeSimServer sim) =>
            Fills(context, sim, TimeSpan.FromDays(90), instTypeRequired: true));
    }

    /// <summary>A single-item operation: the body is one object (its fields are checked with the item).</summary>
    private static IResult One(HttpContext context, Func<JsonElement, OkxOrderResultWire> run) =>
        SimRequestJson.TryParse(SimHttp.Body(context), out var item) && item.ValueKind == JsonValueKind.Object
            ? SimOrderRequests.Answer([run(item)])
            : SimHttp.Error(SimHttp.JsonSyntaxError, "JSON syntax error");

    /// <summary>A batch: an array of 1 to 20 items, each answered on its own.</summary>
    private static IResult Batch(HttpContext context, Func<IReadOnlyList<JsonElement>, List<OkxOrderResultWire>> run)
    {
        if (!SimRequestJson.TryParse(SimHttp.Body(context), out var body) || body.ValueKind != JsonValueKind.Array)
            return SimHttp.Error(SimHttp.JsonSyntaxError, "JSON syntax error");
        var items = body.EnumerateArray().ToList();
        if (items.Count == 0 || items.Count > SimLimits.MaxBatchItems)
            return SimHttp.Error(OkxErrorCodes.ParameterError, $"Parameter error: a batch holds 1 to {SimLimits.MaxBatchItems} orders.");
        return SimOrderRequests.Answer(run(items));
    }

    private static IResult ClosePosition(HttpContext context, ExchangeSimServer sim)
    {
        if (SimHttp.ReadObject(context, out var body) is { } invalid)
            return invalid;
        var instId = SimHttp.Field(body, "instId");
        var mgnMode = SimHttp.Field(body, "mgnMode");
        var clOrdId = SimHttp.Field(body, "clOrdId") ?? "";
        var posSide = SimHttp.Field(body, "posSide") switch { "long" => PositionSide.Long, "short" => PositionSide.Short, _ => (PositionSide?)null };
        if (string.IsNullOrEmpty(instId) || string.IsNullOrEmpty(mgnMode))
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId and mgnMode cannot be empty.");
        if (posSide is null)
            return SimHttp.Error(OkxErrorCodes.ParameterError, "Parameter posSide error: long or short in long_short_mode.");
        if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { Kind: InstrumentKind.Swap })
            return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        var ack = sim.Run(exchange =>
        {
            // OKX's close-position cancels the side's resting close orders, then one market order closes all; the
            // exchange checks everything first, so a refused close leaves those orders resting.
            var closing = exchange.GetPendingOrdersAsync(instId).Result.Where(o => o.PosSide == posSide && IsClosing(o)).ToList();
            var closed = exchange.ClosePositionAsync(instId, posSide.Value, clOrdId).Result;
            if (closed.Accepted)
            {
                foreach (var order in closing)
                    sim.Touched(order);
            }
            return closed;
        });
        if (!ack.Accepted)
            return SimHttp.Error(ack.Code, ack.Message);
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
        if (ListParameterError(context, out var after, out var before, out var begin, out var end, out var limit) is { } error)
            return error;
        begin ??= window is { } w ? sim.NowMs - (long)w.TotalMilliseconds : null;
        var wires = sim.Read(exchange =>
        {
            var orders = pending ? exchange.GetPendingOrdersAsync(instId).Result : exchange.GetOrderHistoryAsync(instId).Result;
            var fills = exchange.GetFillsAsync(instId).Result;
            return orders
                .Where(o => instType is null || OkxWireWriter.InstType(sim.InstrumentOf(o.InstId)) == instType)
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
        if (ListParameterError(context, out var after, out var before, out var begin, out var end, out var limit) is { } error)
            return error;
        begin ??= sim.NowMs - (long)window.TotalMilliseconds;
        var wires = sim.Read(exchange => exchange.GetFillsAsync(instId).Result
            .Where(f => instType is null || OkxWireWriter.InstType(sim.InstrumentOf(f.InstId)) == instType)
            .Where(f => ordId is null || f.OrdId == ordId)
            .Where(f => (after is null || Id(f.TradeId) < after) && (before is null || Id(f.TradeId) > before))
            .Where(f => f.TimestampMs >= begin && (end is null || f.TimestampMs <= end))
            .OrderByDescending(f => Id(f.TradeId))
            .Take(limit)
            .Select(f => (object)OkxWireWriter.Fill(f, sim.InstrumentOf(f.InstId)))
            .ToList());
        return SimHttp.Ok(wires);
    }

    private static ExchangeFill? LastFill(SimulatedExchange exchange, ExchangeOrder order) =>
        order.FilledSize == 0m ? null : exchange.GetFillsAsync(order.InstId).Result.LastOrDefault(f => f.OrdId == order.OrdId);

    /// <summary>The cursors (after, before), times (begin, end) and limit (1..100, default 100) of a list, or the error answer.</summary>
    private static IResult? ListParameterError(HttpContext context, out long? after, out long? before, out long? begin, out long? end, out int limit)
    {
        before = begin = end = null;
        limit = 0;
        if (!SimQuery.TryNumber(context, "after", out after)) return SimQuery.Bad("after");
        if (!SimQuery.TryNumber(context, "before", out before)) return SimQuery.Bad("before");
        if (!SimQuery.TryNumber(context, "begin", out begin)) return SimQuery.Bad("begin");
        if (!SimQuery.TryNumber(context, "end", out end)) return SimQuery.Bad("end");
        return SimQuery.TryLimit(context, 100, 100, out limit) ? null : SimQuery.Bad("limit");
    }

    private static long Id(string id) => SimHttp.TryLong(id, out var value) ? value : 0;
}
