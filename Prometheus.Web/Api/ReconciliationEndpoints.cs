using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
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
        api.MapGet("/recovery", (EngineRuntime runtime) =>
            runtime.CurrentRecovery() is { } report ? Results.Ok(report) : ApiResults.Starting(runtime));
        api.MapGet("/recovery/blocks", (EngineRuntime runtime) => Read(runtime, r =>
            r.Blocks.Select(b => new BlockView(b.ItemId, [.. b.Choices.Select(c => new ChoiceView(c.Name, c.Description))]))));
        api.MapPost("/recovery/decide", (DecideRequest body, EngineRuntime runtime, HttpContext http) =>
            body.Problem() is { } problem
                ? Task.FromResult(Results.BadRequest(problem))
                : ActAsync(runtime, r => r.DecideAsync(body.ItemId!, body.Choice!, ApiResults.Actor(http)),
                    m => Results.Ok(new ControlResult(m.Status.State.ToString(), m.Status.StateReason))));

        var orphans = api.MapGroup("/orphans");
        // An orphan's id is text like any other: bounded before anything looks it up.
        orphans.AddEndpointFilter((context, next) =>
            context.HttpContext.GetRouteValue("id") is string id && RequestLimits.TextTooLong("id", id) is { } tooLong
                ? ValueTask.FromResult<object?>(Results.BadRequest(new ApiError(tooLong, "id")))
                : next(context));
        orphans.MapGet("", (EngineRuntime runtime) => Read(runtime, r => r.Orphans.Select(View)));
        orphans.MapPost("/{id}/adopt", (string id, AdoptRequest body, EngineRuntime runtime, HttpContext http) =>
            body.AgentId is not { } agentId
                ? Task.FromResult(Results.BadRequest(new ApiError("agentId is required", "agentId")))
                : ActAsync(runtime, r => r.AdoptAsync(id, agentId, ApiResults.Actor(http)), m => Orphan(m, id)));
        orphans.MapPost("/{id}/close", (string id, EngineRuntime runtime, HttpContext http) =>
            ActAsync(runtime, r => r.CloseOrphanAsync(id, ApiResults.Actor(http)), m => Orphan(m, id)));
        orphans.MapPost("/{id}/dismiss", (string id, EngineRuntime runtime, HttpContext http) =>
            ActAsync(runtime, r => r.DismissAsync(id, ApiResults.Actor(http)), m => Orphan(m, id)));
        return api;
    }

    public static OrphanView View(OrphanReading kept)
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

    /// <summary>A view of reconciliation at the engine's last publication; 503 while the engine starts.</summary>
    private static IResult Read<T>(EngineRuntime runtime, Func<ReconciliationReading, T> view) =>
        runtime.ReadModel?.Reconciliation is { } reading ? Results.Ok(view(reading)) : ApiResults.Starting(runtime);

    /// <summary>The orphan as published after the action (the loop publishes before it answers).</summary>
    private static IResult Orphan(EngineReadModel model, string id) =>
        Results.Ok(View(model.Reconciliation!.Orphans.First(o => o.Orphan.Id == id)));

    /// <summary>Runs a person's action on the coordinator, on the loop; answers from the model published after it.</summary>
    private static async Task<IResult> ActAsync(EngineRuntime runtime, Func<ReconciliationCoordinator, Task> action, Func<EngineReadModel, IResult> answer)
    {
        if (runtime is not { Loop: { } loop, Reconciliation: { } reconciliation }) return ApiResults.Starting(runtime);
        try
        {
            await loop.QueryAsync(async _ =>
            {
                await action(reconciliation);
                return true;
            });
            return answer(loop.ReadModel);
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
