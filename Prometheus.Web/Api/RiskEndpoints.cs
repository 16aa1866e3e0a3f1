using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Api;

/// <summary>
/// The risk controls through the API. <c>POST /api/risk/reset {"reason": "..."}</c>: a person clears the drawdown circuit
/// breaker (and Reducing), the peaks restarting from the equity now. Signed in like every /api route; the reason is
/// required (at most <see cref="Supervisor.MaxResetReasonLength"/> characters). Saved at once in the engine's journal with
/// who and why, and written to the audit log with its outcome, done or refused. 400 without a reason or with one too long,
/// 409 when there is nothing to reset (the daily loss limit rolls over by itself at 00:00 UTC), 503 while the engine starts.
/// </summary>
public static class RiskEndpoints
{
    public const string ResetAction = "risk-reset";

    public sealed record ResetRequest(string? Reason);

    /// <summary>The risk state after a reset: the trading state, its reason, and whether the breaker is tripped.</summary>
    public sealed record RiskStateView(string TradingState, string Reason, string? HaltReason, bool BreakerTripped);

    public static RouteGroupBuilder MapRiskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/risk/reset", async (ResetRequest? body, EngineRuntime runtime, HttpContext http) =>
        {
            if (body is null) return Results.BadRequest(new ApiError("a JSON body is required: {\"reason\": \"...\"}", BadRequestProblems.BodyField));
            var reason = body.Reason?.Trim() ?? "";
            if (reason.Length == 0 || reason.Length > Supervisor.MaxResetReasonLength)
                return Results.BadRequest(new ApiError($"reason is required, at most {Supervisor.MaxResetReasonLength} characters"));
            if (runtime.Loop is not { } loop) return ApiResults.Starting(runtime);
            var actor = ApiResults.Actor(http);
            var (refusal, before, after) = await ResetAsync(loop, reason, actor);
            if (runtime.Store is { } store)
                await store.AuditAsync(actor, ResetAction, Detail(before, after, reason, refusal));
            return refusal is null
                ? Results.Ok(View(after))
                : Results.Json(new ApiError(refusal), statusCode: StatusCodes.Status409Conflict);
        });
        return api;
    }

    /// <summary>Resets on the loop; returns the refusal (null when done) and the risk state before and after.</summary>
    public static async Task<(string? Refusal, SystemRiskState Before, SystemRiskState After)> ResetAsync(TradingLoop loop, string reason, string actor)
    {
        var outcome = await loop.ResetRiskWithStatesAsync(reason, actor);
        return (outcome.Refusal, outcome.Before, outcome.After);
    }

    /// <summary>The audit entry's detail: what the risk state was and became, and the person's reason.</summary>
    public static string Detail(SystemRiskState before, SystemRiskState after, string reason, string? refusal) =>
        refusal is null
            ? $"{Describe(before)} -> {Describe(after)}; reason: {reason}"
            : $"refused in {Describe(before)}: {refusal}; reason: {reason}";

    public static RiskStateView View(SystemRiskState s) => new(s.State.ToString(), s.StateReason, s.HaltReason?.ToString(), s.DrawdownBreakerTripped);

    private static string Describe(SystemRiskState s) =>
        s.DrawdownBreakerTripped ? $"{s.State}, breaker tripped ({s.StateReason})" : s.State.ToString();
}
