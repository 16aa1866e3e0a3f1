using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;

namespace Prometheus.Web.Api;

/// <summary>
/// The risk controls through the API. <c>POST /api/risk/reset {"reason": "..."}</c>: a person clears the drawdown circuit
/// breaker (and Reducing), the peaks restarting from the equity now. Signed in like every /api route; the reason is
/// required (at most <see cref="Supervisor.MaxResetReasonLength"/> characters). Saved at once in the engine's journal with
/// who and why, and written to the audit log with its outcome, done or refused (by the command port). 400 without a reason or with one too long,
/// 409 when there is nothing to reset (the daily loss limit rolls over by itself at 00:00 UTC), 503 while the engine starts.
/// </summary>
public static class RiskEndpoints
{
    public const string ResetAction = ResetRisk.ActionName;

    public sealed record ResetRequest(string? Reason);

    /// <summary>The risk state after a reset: the trading state, its reason, and whether the breaker is tripped.</summary>
    public sealed record RiskStateView(string TradingState, string Reason, string? HaltReason, bool BreakerTripped);

    public static RouteGroupBuilder MapRiskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/risk/reset", async (ResetRequest? body, EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
        {
            if (body is null) return Results.BadRequest(new ApiError("a JSON body is required: {\"reason\": \"...\"}", BadRequestProblems.BodyField));
            var result = await commands.SendAsync(new ResetRisk(ApiResults.Actor(http), body.Reason ?? ""));
            return CommandAnswers.Answer(runtime, result, m => View(m.Risk.State));
        });
        return api;
    }

    public static RiskStateView View(SystemRiskState s) => new(s.State.ToString(), s.StateReason, s.HaltReason?.ToString(), s.DrawdownBreakerTripped);
}
