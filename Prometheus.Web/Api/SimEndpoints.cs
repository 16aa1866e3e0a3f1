using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated.Faults;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Api;

/// <summary>
/// Outside events on the simulated exchange, for paper trading and tests: a trade by hand (no agent's clOrdId), a
/// position closed by hand, a liquidation, and faults on the next order requests. Only in simulated mode: 404 on a
/// real exchange. They run on the trading loop, between cycles, like everything that touches the exchange.
/// </summary>
public static class SimEndpoints
{
    public sealed record ManualOrderRequest(string? InstId, string? Side, string? PosSide, decimal? Sz);

    /// <summary>The largest manual order: far beyond any account here, small enough that price, fee and margin fit a decimal.</summary>
    public const decimal MaxManualSize = 1_000_000_000m;
    public sealed record PositionRequest(string? InstId, string? PosSide);
    public sealed record FaultRequest(string? Kind, int? Requests, decimal? FillRatio);
    public sealed record ManualOrderResult(string OrdId, string InstId, string Side, string PosSide, decimal Sz, decimal AvgPx, decimal Fee);
    public sealed record FaultState(string? Kind, int Left, decimal? FillRatio);

    public static RouteGroupBuilder MapSimEndpoints(this RouteGroupBuilder api)
    {
        var sim = api.MapGroup("/sim");
        sim.MapPost("/manual-order", (ManualOrderRequest body, EngineRuntime runtime) => OnExchangeAsync(runtime, exchange =>
        {
            if (Parse(exchange.Instruments, body.InstId, body.PosSide) is not ({ } inst, { } posSide, null))
                return Results.BadRequest(Parse(exchange.Instruments, body.InstId, body.PosSide).Error);
            if (!Enum.TryParse<OrderSide>(body.Side, ignoreCase: true, out var side) || !Enum.IsDefined(side))
                return Bad($"side must be buy or sell (was '{body.Side}')", "side");
            if (body.Sz is not > 0m || body.Sz > MaxManualSize)
                return Bad($"sz must be a positive size in {(inst.Kind == InstrumentKind.Swap ? "contracts" : inst.BaseCcy)}, at most {MaxManualSize:0} (was {body.Sz})", "sz");
            var fill = exchange.Inner.ManualOrder(inst.InstId, side, posSide, body.Sz.Value);
            return Results.Ok(new ManualOrderResult(fill.OrdId, fill.InstId, Wire(fill.Side), Wire(fill.PosSide), fill.Size, fill.Price, fill.Fee));
        }));
        sim.MapPost("/close-position", (PositionRequest body, EngineRuntime runtime) => OnExchangeAsync(runtime, exchange =>
            Parse(exchange.Instruments, body.InstId, body.PosSide) is ({ } inst, { } posSide, null)
                ? Results.Ok(exchange.Inner.ClosePositionByHand(inst.InstId, posSide).Select(f => new ManualOrderResult(
                    f.OrdId, f.InstId, Wire(f.Side), Wire(f.PosSide), f.Size, f.Price, f.Fee)))
                : Results.BadRequest(Parse(exchange.Instruments, body.InstId, body.PosSide).Error)));
        sim.MapPost("/liquidate", (PositionRequest body, EngineRuntime runtime) => OnExchangeAsync(runtime, exchange =>
            Parse(exchange.Instruments, body.InstId, body.PosSide) is ({ } inst, { } posSide, null)
                ? Results.Ok(exchange.Inner.Liquidate(inst.InstId, posSide).Select(f => new ManualOrderResult(
                    f.OrdId, f.InstId, Wire(f.Side), Wire(f.PosSide), f.Size, f.Price, f.Fee)))
                : Results.BadRequest(Parse(exchange.Instruments, body.InstId, body.PosSide).Error)));
        sim.MapPost("/faults", (FaultRequest body, EngineRuntime runtime) => OnExchangeAsync(runtime, exchange =>
        {
            if (!Enum.TryParse<FaultKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                return Bad($"kind must be one of {string.Join(", ", Enum.GetNames<FaultKind>())} (was '{body.Kind}')", "kind");
            var plan = new FaultPlan(kind, body.Requests ?? 1, body.FillRatio ?? 0.5m);
            // Each message starts with the field it is about ("requests must be between 1 and 10000 ...").
            if (plan.Validate().FirstOrDefault() is { } error) return Bad(error, error.Split(' ')[0]);
            exchange.Inject(plan);
            return Results.Ok(State(exchange));
        }));
        sim.MapGet("/faults", (EngineRuntime runtime) => OnExchangeAsync(runtime, exchange => Results.Ok(State(exchange))));
        sim.MapDelete("/faults", (EngineRuntime runtime) => OnExchangeAsync(runtime, exchange =>
        {
            exchange.Inject(null);
            return Results.Ok(State(exchange));
        }));
        return api;
    }

    private static async Task<IResult> OnExchangeAsync(EngineRuntime runtime, Func<FaultInjectingExchange, IResult> action)
    {
        if (runtime.IsReadOnly) return ApiResults.ReadOnly();
        if (runtime.Loop is null)
            return runtime.Exchange is null && runtime.Failure is null
                ? Results.Json(new ApiError("the engine is starting"), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.NotFound(new ApiError("no simulated exchange: /api/sim exists only in simulated mode"));
        if (runtime.Simulated is not { } exchange)
            return Results.NotFound(new ApiError("no simulated exchange: /api/sim exists only in simulated mode"));
        try
        {
            return await runtime.Loop.QueryAsync(_ => action(exchange));
        }
        catch (InvalidOperationException e)
        {
            // The exchange refused the outside event (its OKX code is in the message).
            return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static (Instrument? Instrument, PositionSide? PosSide, ApiError? Error) Parse(IReadOnlyList<Instrument> instruments, string? instId, string? posSide)
    {
        var instrument = instruments.FirstOrDefault(i => i.InstId == instId);
        if (instrument is null)
            return (null, null, new ApiError($"instId must be one of {string.Join(", ", instruments.Select(i => i.InstId))} (was '{instId}')", "instId"));
        if (!Enum.TryParse<PositionSide>(posSide, ignoreCase: true, out var side) || !Enum.IsDefined(side))
            return (null, null, new ApiError($"posSide must be long or short (was '{posSide}')", "posSide"));
        return (instrument, side, null);
    }

    private static IResult Bad(string error, string? field = null) => Results.BadRequest(new ApiError(error, field));

    private static string Wire<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static FaultState State(FaultInjectingExchange exchange) =>
        exchange.Active is { } active ? new FaultState(active.Plan.Kind.ToString(), active.Left, active.Plan.Kind == FaultKind.PartialFill ? active.Plan.FillRatio : null)
        : new FaultState(null, 0, null);
}
