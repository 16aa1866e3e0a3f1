using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Engine.Commands;

/// <summary>
/// The command port on the running engine. Entry point: <see cref="SendAsync"/>. For every command, in this order: the
/// message is checked (<see cref="EngineCommand.Problem"/>; Invalid, not audited), the engine must be up (Unavailable,
/// not audited), the command runs on the trading loop, and the outcome, accepted or refused, is written to the audit log
/// once, as "{action}" by the actor with the state before and after (or the reason), " (via)" appended.
/// The answer carries the read model the loop published before answering, so a caller reads the command's effect.
/// An instrument a command names must be in the engine's catalog (<paramref name="options"/>; the shipped one without).
/// </summary>
public sealed class EngineCommandPort(EngineRuntime runtime, EngineOptions? options = null) : IEngineCommands
{
    private readonly InstrumentCatalog _instruments = options?.Instruments ?? InstrumentCatalog.Shipped;

    /// <summary>What is wrong with an instrument a command names; null when the catalog has it.</summary>
    public static string? UnknownInstrument(InstrumentCatalog instruments, string? instId) =>
        instruments.Contains(instId) ? null : $"instId must be one of {string.Join(", ", instruments.Select(i => i.InstId))}";

    /// <summary>The reason every command gets on a read-only host (`serve --read-only`).</summary>
    public const string ReadOnlyRefusal = "read-only dashboard: commands go to the engine's own host";

    public async Task<CommandResult> SendAsync(EngineCommand command, CancellationToken ct = default)
    {
        if ((command.Problem() ?? (command is ClosePosition close ? UnknownInstrument(_instruments, close.InstId) : null)) is { } problem)
            return new CommandResult(CommandOutcome.Invalid, problem, null);
        // No engine runs on a read-only host: refused (409), not audited, since it writes nothing.
        if (runtime.IsReadOnly) return new CommandResult(CommandOutcome.Refused, ReadOnlyRefusal, runtime.ReadModel);
        if (runtime.Loop is not { } loop) return Unavailable(Starting(runtime));
        var (result, detail) = command switch
        {
            ConfirmRecovery => await StateAsync(loop, l => l.ConfirmAsync()),
            PauseTrading => await StateAsync(loop, l => l.PauseAsync()),
            ResumeTrading => await StateAsync(loop, l => l.ResumeAsync()),
            CloseAll => await StateAsync(loop, l => l.CloseAllAsync()),
            Intervene i => await StateAsync(loop, l => l.InterveneAsync(i.On, i.SpotShare, i.RiskAppetite, i.Reason, i.Actor)),
            ResetRisk r => await ResetRiskAsync(loop, r),
            ClosePosition c => await ClosePositionAsync(loop, c),
            DecideBlock d => await ReconcileAsync(loop, c => c.DecideAsync(d.ItemId, d.Choice, d.Actor, ct), $"{d.ItemId}: {d.Choice}", $"{d.ItemId}: {d.Choice}"),
            AdoptOrphan a => await ReconcileAsync(loop, c => c.AdoptAsync(a.OrphanId, a.AgentId, a.Actor, ct),
                $"{a.OrphanId} by agent {a.AgentId}", $"orphan {a.OrphanId} adopted by agent {a.AgentId}"),
            CloseOrphan c => await ReconcileAsync(loop, r => r.CloseOrphanAsync(c.OrphanId, c.Actor, ct), c.OrphanId, $"orphan {c.OrphanId} closed on the exchange"),
            DismissOrphan d => await ReconcileAsync(loop, r => r.DismissAsync(d.OrphanId, d.Actor, ct), d.OrphanId, $"orphan {d.OrphanId} dismissed"),
            _ => throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command)),
        };
        if (detail is not null && runtime.Store is { } store)
            await store.AuditAsync(command.Actor, command.Action, command.Via is { } via ? $"{detail} ({via})" : detail);
        return result;
    }

    /// <summary>Confirm, pause, resume, close-all, intervene: audited as "Running -> Paused", or "refused in Running: why".</summary>
    private static async Task<(CommandResult, string?)> StateAsync(TradingLoop loop, Func<TradingLoop, Task<string?>> command)
    {
        var before = loop.ReadModel.Status.State;
        var refusal = await command(loop);
        var model = loop.ReadModel;
        return refusal is null
            ? (new CommandResult(CommandOutcome.Accepted, $"{before} -> {model.Status.State}", model), $"{before} -> {model.Status.State}")
            : (new CommandResult(CommandOutcome.Refused, refusal, model), $"refused in {before}: {refusal}");
    }

    private static async Task<(CommandResult, string?)> ResetRiskAsync(TradingLoop loop, ResetRisk command)
    {
        var reason = command.Reason.Trim();
        var outcome = await loop.ResetRiskWithStatesAsync(reason, command.Actor);
        var detail = outcome.Refusal is null
            ? $"{Describe(outcome.Before)} -> {Describe(outcome.After)}; reason: {reason}"
            : $"refused in {Describe(outcome.Before)}: {outcome.Refusal}; reason: {reason}";
        return (outcome.Refusal is null
            ? new CommandResult(CommandOutcome.Accepted, $"trading is {outcome.After.State}", loop.ReadModel)
            : new CommandResult(CommandOutcome.Refused, outcome.Refusal, loop.ReadModel), detail);
    }

    private static string Describe(SystemRiskState s) =>
        s.DrawdownBreakerTripped ? $"{s.State}, breaker tripped ({s.StateReason})" : s.State.ToString();

    private static async Task<(CommandResult, string?)> ClosePositionAsync(TradingLoop loop, ClosePosition command)
    {
        var outcome = await loop.ClosePositionAsync(command.AgentId, command.InstId, command.PosSide);
        var reason = command.Reason.Trim();
        var model = loop.ReadModel;
        return outcome.Result switch
        {
            PositionCloseResult.Closed => (new CommandResult(CommandOutcome.Accepted, $"closed {command.What}", model), $"closed {command.What}: {reason}"),
            PositionCloseResult.NoSuchPosition => (new CommandResult(CommandOutcome.NotFound, $"no open position {command.What}", model),
                $"refused, no position {command.What}: {reason}"),
            _ => (new CommandResult(CommandOutcome.Refused, outcome.Reason ?? "refused", model), $"refused {command.What}: {outcome.Reason}"),
        };
    }

    /// <summary>A decision or an orphan action, on the coordinator through the loop; the coordinator's refusal comes back as the reason.</summary>
    private async Task<(CommandResult, string?)> ReconcileAsync(TradingLoop loop, Func<ReconciliationCoordinator, Task> action, string what, string done)
    {
        if (runtime.Reconciliation is not { } reconciliation) return (Unavailable(Starting(runtime)), null);
        try
        {
            await loop.QueryAsync(async _ =>
            {
                await action(reconciliation);
                return true;
            });
            return (new CommandResult(CommandOutcome.Accepted, done, loop.ReadModel), $"{what}: done: {done}");
        }
        catch (ReconciliationDecisionException e)
        {
            return (new CommandResult(CommandOutcome.Refused, e.Message, loop.ReadModel), $"{what}: refused: {e.Message}");
        }
        catch (EngineStoppedException e)
        {
            return (Unavailable(e.Message), null);
        }
    }

    private static CommandResult Unavailable(string why) => new(CommandOutcome.Unavailable, why, null);

    private static string Starting(EngineRuntime runtime) =>
        runtime.Failure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is starting";
}
