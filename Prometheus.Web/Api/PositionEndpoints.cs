using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// Open positions across agents, and a person closing one. <c>GET /api/positions</c>: each living agent's open
/// positions with entry, mark, unrealised PnL, age and the exit plan the engine follows. <c>POST /api/positions/close</c>
/// <c>{agentId, instId, posSide, reason}</c>: closes that position at market (its fill is booked with exit reason
/// "outside", origin Manual) and audits who, what and why. 400 naming the field, 404 for no such position, 409 when the
/// engine's state refuses (awaiting confirmation, blocked), 503 while it starts.
/// </summary>
public static class PositionEndpoints
{
    public const string CloseAction = ClosePosition.ActionName;

    /// <summary>When the engine will close the position by itself: a price stop and target, and a time.</summary>
    public sealed record ExitPlanView(decimal StopLoss, decimal TakeProfit, DateTimeOffset MaxHoldUntil);

    public sealed record OpenPositionView(
        int AgentId, string AgentName, string InstId, string PosSide, decimal Amount, decimal EntryPrice, decimal MarkPrice, decimal Margin,
        decimal UnrealizedPnl, DateTimeOffset OpenedAt, double AgeSeconds, ExitPlanView ExitPlan);

    public sealed record CloseRequest(int? AgentId, string? InstId, string? PosSide, string? Reason)
    {
        /// <summary>The first field that is missing or malformed, before the engine is asked.</summary>
        public ApiError? Problem(InstrumentCatalog instruments)
        {
            if (AgentId is not > 0) return new ApiError("agentId is required: the id of the agent holding the position", "agentId");
            if (Engine.Commands.EngineCommandPort.UnknownInstrument(instruments, InstId) is { } unknown) return new ApiError(unknown, "instId");
            if (PosSide is not ("long" or "short")) return new ApiError("posSide must be long or short", "posSide");
            if (string.IsNullOrWhiteSpace(Reason)) return new ApiError("reason is required: why the position is closed", "reason");
            return RequestLimits.TextTooLong("reason", Reason) is { } tooLong ? new ApiError(tooLong, "reason") : null;
        }

        /// <summary>The command it asks for; it must pass <see cref="Problem"/> first.</summary>
        public ClosePosition Command(string actor) =>
            new(actor, AgentId!.Value, InstId!, PosSide == "long" ? PositionSide.Long : PositionSide.Short, Reason!);
    }

    public static RouteGroupBuilder MapPositionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/positions", (EngineRuntime runtime) =>
            runtime.ReadModel is not { } model ? ApiResults.Starting(runtime) : Results.Ok(Open(model)));
        api.MapPost("/positions/close", async (CloseRequest body, EngineRuntime runtime, IEngineCommands commands, EngineOptions options, HttpContext http) =>
        {
            if (body.Problem(options.Instruments) is { } problem) return Results.BadRequest(problem);
            var result = await commands.SendAsync(body.Command(ApiResults.Actor(http)));
            return CommandAnswers.Answer(runtime, result, CommandAnswers.State);
        });
        return api;
    }

    /// <summary>Every living agent's open positions at the engine's last publication, in ranking order.</summary>
    public static List<OpenPositionView> Open(EngineReadModel model) =>
    [
        .. model.OpenPositions.Select(o => new OpenPositionView(o.Agent.Id, o.Agent.Name, o.Position.InstId,
            o.Position.Side == PositionSide.Long ? "long" : "short", o.Position.Amount, o.Position.AveragePrice, o.Position.Mark, o.Position.Margin,
            o.Position.UnrealizedPnl, At(o.Position.OpenedAtMs), (model.NowMs - o.Position.OpenedAtMs) / 1000.0,
            new ExitPlanView(o.Position.StopLoss, o.Position.TakeProfit, At(o.Position.MaxHoldUntilMs)))),
    ];

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
