using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The engine controls a signed-in person uses from the dashboard: each is a command to the trading loop (never a
/// change made beside it), written to the audit log with its outcome, as the JSON API's controls are.
/// </summary>
public sealed class DashboardControls(EngineRuntime runtime, IOrphanDesk orphans, IRecoveryDecisions decisions)
{
    public Task<DeskResult> ConfirmAsync(string actor) => CommandAsync(actor, "confirm", l => l.ConfirmAsync(), "Recovery confirmed: trading resumed.");
    public Task<DeskResult> PauseAsync(string actor) => CommandAsync(actor, "pause", l => l.PauseAsync(), "Trading paused. Fills still arrive and are booked.");
    public Task<DeskResult> ResumeAsync(string actor) => CommandAsync(actor, "resume", l => l.ResumeAsync(), "Trading resumed.");
    public Task<DeskResult> CloseAllAsync(string actor) =>
        CommandAsync(actor, "close-all", l => l.CloseAllAsync(), "Every position was sent to close at market; trading is paused.");

    public Task<DeskResult> InterveneAsync(string actor, bool on, decimal spotShare, decimal riskAppetite, string reason) =>
        CommandAsync(actor, on ? "intervention" : "intervention-ended", l => l.InterveneAsync(on, spotShare, riskAppetite, reason, actor),
            on ? "The Mastermind now follows your allocation and risk appetite." : "The Mastermind decides alone again.");

    /// <summary>Clears the drawdown circuit breaker (and Reducing) with the person's reason; audited with both, done or refused.</summary>
    public async Task<DeskResult> ResetRiskAsync(string actor, string reason)
    {
        if (runtime.Loop is not { } loop)
            return DeskResult.Refused(runtime.Failure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is starting");
        reason = reason.Trim();
        var (refusal, before, after) = await Api.RiskEndpoints.ResetAsync(loop, reason, actor);
        await AuditAsync(actor, Api.RiskEndpoints.ResetAction, Api.RiskEndpoints.Detail(before, after, reason, refusal) + " (dashboard)");
        return refusal is null ? DeskResult.Done($"The circuit breaker was reset: trading is {after.State}.") : DeskResult.Refused(Capitalize(refusal) + ".");
    }

    /// <summary>Closes one agent's position at market with the person's reason, as POST /api/positions/close does (same checks, same audit).</summary>
    public async Task<DeskResult> ClosePositionAsync(string actor, Api.PositionEndpoints.CloseRequest request)
    {
        if (request.Problem() is { } problem) return DeskResult.Refused(Capitalize(problem.Error) + ".");
        if (runtime.Loop is not { } loop)
            return DeskResult.Refused(runtime.Failure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is starting");
        var (outcome, what) = await Api.PositionEndpoints.CloseAsync(loop, runtime.Store, actor, request, via: "dashboard");
        return outcome.Result switch
        {
            PositionCloseResult.Closed => DeskResult.Done($"The position of {what} was sent to close at market."),
            PositionCloseResult.NoSuchPosition => DeskResult.Refused($"There is no open position {what} (it may have closed already)."),
            _ => DeskResult.Refused(Capitalize(outcome.Reason ?? "refused") + "."),
        };
    }

    public Task<DeskResult> DecideAsync(string actor, string itemId, string choice) =>
        AuditedAsync(actor, "decide", $"{itemId}: {choice}", () => decisions.DecideAsync(itemId, choice, actor));

    public Task<DeskResult> AdoptAsync(string actor, string orphanId, int agentId) =>
        AuditedAsync(actor, "orphan-adopt", $"{orphanId} by agent {agentId}", () => orphans.AdoptAsync(orphanId, agentId, actor));

    public Task<DeskResult> CloseOrphanAsync(string actor, string orphanId) =>
        AuditedAsync(actor, "orphan-close", orphanId, () => orphans.CloseAsync(orphanId, actor));

    public Task<DeskResult> DismissOrphanAsync(string actor, string orphanId) =>
        AuditedAsync(actor, "orphan-dismiss", orphanId, () => orphans.DismissAsync(orphanId, actor));

    private async Task<DeskResult> CommandAsync(string actor, string action, Func<TradingLoop, Task<string?>> command, string done)
    {
        if (runtime.Loop is not { } loop)
            return DeskResult.Refused(runtime.Failure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is starting");
        var before = loop.State;
        var refusal = await command(loop);
        await AuditAsync(actor, action, refusal is null ? $"{before} -> {loop.State} (dashboard)" : $"refused in {before}: {refusal} (dashboard)");
        return refusal is null ? DeskResult.Done(done) : DeskResult.Refused(Capitalize(refusal) + ".");
    }

    private async Task<DeskResult> AuditedAsync(string actor, string action, string what, Func<Task<DeskResult>> act)
    {
        var result = await act();
        await AuditAsync(actor, action, $"{what}: {(result.Ok ? "done" : "refused")}: {result.Message} (dashboard)");
        return result.Ok ? result : result with { Message = Capitalize(result.Message) + "." };
    }

    private Task AuditAsync(string actor, string action, string detail) =>
        runtime.Store is { } store ? store.AuditAsync(actor, action, detail) : Task.CompletedTask;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
