using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// Reconciliation through the API: the recovery report with the findings as they stand now, a person's decision on a
/// blocked item, and orphans (adopt, close, dismiss). Reads take the published read model; decisions and orphan actions
/// are commands through the port (IEngineCommands), audited there with who made it.
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
        api.MapPost("/recovery/decide", (DecideRequest body, EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            body.Problem() is { } problem
                ? Task.FromResult(Results.BadRequest(problem))
                : SendAsync(runtime, commands, new DecideBlock(ApiResults.Actor(http), body.ItemId!, body.Choice!), CommandAnswers.State));

        var orphans = api.MapGroup("/orphans");
        // An orphan's id is text like any other: bounded before anything looks it up.
        orphans.AddEndpointFilter((context, next) =>
            context.HttpContext.GetRouteValue("id") is string id && RequestLimits.TextTooLong("id", id) is { } tooLong
                ? ValueTask.FromResult<object?>(Results.BadRequest(new ApiError(tooLong, "id")))
                : next(context));
        orphans.MapGet("", (EngineRuntime runtime) => Read(runtime, r => r.Orphans.Select(View)));
        orphans.MapPost("/{id}/adopt", (string id, AdoptRequest body, EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            body.AgentId is not { } agentId
                ? Task.FromResult(Results.BadRequest(new ApiError("agentId is required", "agentId")))
                : SendAsync(runtime, commands, new AdoptOrphan(ApiResults.Actor(http), id, agentId), m => Orphan(m, id)));
        orphans.MapPost("/{id}/close", (string id, EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            SendAsync(runtime, commands, new CloseOrphan(ApiResults.Actor(http), id), m => Orphan(m, id)));
        orphans.MapPost("/{id}/dismiss", (string id, EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            SendAsync(runtime, commands, new DismissOrphan(ApiResults.Actor(http), id), m => Orphan(m, id)));
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
    private static OrphanView Orphan(EngineReadModel model, string id) => View(model.Reconciliation!.Orphans.First(o => o.Orphan.Id == id));

    /// <summary>A person's decision or orphan action through the command port (validated and audited there).</summary>
    private static async Task<IResult> SendAsync(EngineRuntime runtime, IEngineCommands commands, EngineCommand command, Func<EngineReadModel, object> accepted) =>
        CommandAnswers.Answer(runtime, await commands.SendAsync(command), accepted);
}
