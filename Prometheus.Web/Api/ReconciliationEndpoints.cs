using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// Reconciliation through the API: the recovery report with the findings as they stand now, a person's decision on a
/// blocked item, and orphans (adopt, close, dismiss). Everything runs on the trading loop; every decision is audited
/// with who made it.
/// </summary>
public static class ReconciliationEndpoints
{
    public sealed record DecideRequest(string? ItemId, string? Choice)
    {
        public ApiError? Problem() =>
            string.IsNullOrWhiteSpace(ItemId) ? new ApiError("itemId and choice are required", "itemId")
            : string.IsNullOrWhiteSpace(Choice) ? new ApiError("itemId and choice are required", "choice")
            : RequestLimits.TextTooLong("itemId", ItemId) is { } id ? new ApiError(id, "itemId")
            : RequestLimits.TextTooLong("choice", Choice) is { } choice ? new ApiError(choice, "choice")
            : null;
    }
    public sealed record AdoptRequest(int? AgentId);

    /// <summary>One orphan: exposure no agent owns, with its exchange details and what was decided.</summary>
    public sealed record OrphanView(string Id, string InstId, string PosSide, string Side, decimal Sz, decimal AvgPx, decimal Fee, string OrdId,
        string ClOrdId, DateTimeOffset Ts, string Status, string Reason, int? AgentId);

    /// <summary>A block awaiting a person: the item and its choices.</summary>
    public sealed record BlockView(string ItemId, IReadOnlyList<ChoiceView> Choices);
    public sealed record ChoiceView(string Name, string Description);

    public static RouteGroupBuilder MapReconciliationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/recovery", async (EngineRuntime runtime, CancellationToken ct) =>
            await runtime.CurrentRecoveryAsync(ct) is { } report ? Results.Ok(report) : ApiResults.Starting(runtime));
        api.MapGet("/recovery/blocks", (EngineRuntime runtime, CancellationToken ct) => OnLoopAsync(runtime, (_, r) =>
            Task.FromResult(Results.Ok(r.Blocks.Select(b => new BlockView(b.ItemId, [.. b.Choices.Select(c => new ChoiceView(c.Name, c.Description))]))))));
        api.MapPost("/recovery/decide", (DecideRequest body, EngineRuntime runtime, HttpContext http) =>
            body.Problem() is { } problem
                ? Task.FromResult(Results.BadRequest(problem))
                : OnLoopAsync(runtime, async (loop, r) =>
                {
                    await r.DecideAsync(body.ItemId!, body.Choice!, ApiResults.Actor(http));
                    return Results.Ok(new ControlResult(loop.State.ToString(), loop.StateReason));
                }));

        var orphans = api.MapGroup("/orphans");
        // An orphan's id is text like any other: bounded before anything looks it up.
        orphans.AddEndpointFilter((context, next) =>
            context.HttpContext.GetRouteValue("id") is string id && RequestLimits.TextTooLong("id", id) is { } tooLong
                ? ValueTask.FromResult<object?>(Results.BadRequest(new ApiError(tooLong, "id")))
                : next(context));
        orphans.MapGet("", (EngineRuntime runtime) => OnLoopAsync(runtime, (_, r) => Task.FromResult(Results.Ok(r.Orphans.Select(View)))));
        orphans.MapPost("/{id}/adopt", (string id, AdoptRequest body, EngineRuntime runtime, HttpContext http) =>
            body.AgentId is not { } agentId
                ? Task.FromResult(Results.BadRequest(new ApiError("agentId is required", "agentId")))
                : OnLoopAsync(runtime, async (_, r) =>
                {
                    await r.AdoptAsync(id, agentId, ApiResults.Actor(http));
                    return Results.Ok(View(r.Orphans.First(o => o.Orphan.Id == id)));
                }));
        orphans.MapPost("/{id}/close", (string id, EngineRuntime runtime, HttpContext http) => OnLoopAsync(runtime, async (_, r) =>
        {
            await r.CloseOrphanAsync(id, ApiResults.Actor(http));
            return Results.Ok(View(r.Orphans.First(o => o.Orphan.Id == id)));
        }));
        orphans.MapPost("/{id}/dismiss", (string id, EngineRuntime runtime, HttpContext http) => OnLoopAsync(runtime, async (_, r) =>
        {
            await r.DismissAsync(id, ApiResults.Actor(http));
            return Results.Ok(View(r.Orphans.First(o => o.Orphan.Id == id)));
        }));
        return api;
    }

    public static OrphanView View((OrphanRecord Orphan, int? AdoptedBy) kept)
    {
        var o = kept.Orphan;
        var opening = o.Delta > 0m;
        var side = (opening, o.PosSide) switch
        {
            (true, PositionSide.Long) or (false, PositionSide.Short) => "buy",
            _ => "sell",
        };
        return new OrphanView(o.Id, o.InstId, o.PosSide.ToString().ToLowerInvariant(), side, Math.Abs(o.Delta), o.Price, o.Fee, o.OrdId, o.ClOrdId,
            DateTimeOffset.FromUnixTimeMilliseconds(o.TimestampMs), o.Status.ToString(), o.Reason, kept.AdoptedBy);
    }

    private static async Task<IResult> OnLoopAsync(EngineRuntime runtime, Func<TradingLoop, ReconciliationCoordinator, Task<IResult>> action)
    {
        if (runtime is not { Loop: { } loop, Reconciliation: { } reconciliation }) return ApiResults.Starting(runtime);
        try
        {
            return await loop.QueryAsync(_ => new ValueTask<IResult>(action(loop, reconciliation)));
        }
        catch (ReconciliationDecisionException e)
        {
            return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status409Conflict);
        }
        catch (EngineStoppedException)
        {
            return Results.Json(new ApiError("the engine has stopped"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
