using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The dashboard's port to reconciliation, on the running engine: orphans are read from the published read model;
/// decisions go to the coordinator through the trading loop (between cycles), exactly as the API's do; a refusal comes
/// back with the coordinator's reason.
/// </summary>
public sealed class EngineReconciliation(EngineRuntime runtime) : IOrphanDesk, IRecoveryDecisions
{
    private static readonly string[] DirectionChoices = ["align-ledger", "close-exchange", "flatten-both"];

    public bool Available => true;

    public Task<IReadOnlyList<OrphanView>> ListAsync(CancellationToken ct = default)
    {
        if (runtime.ReadModel?.Reconciliation is not { } reconciliation) return Task.FromResult<IReadOnlyList<OrphanView>>([]);
        return Task.FromResult<IReadOnlyList<OrphanView>>([.. reconciliation.Orphans.Select(kept =>
        {
            var view = ReconciliationEndpoints.View(kept);
            var detail = kept.AdoptedBy is { } agent ? $"{view.Reason}; adopted by agent {agent}" : view.Reason;
            return new OrphanView(view.Id, view.InstId, view.PosSide, view.Side, view.Sz, view.AvgPx, view.OrdId,
                view.ClOrdId.Length > 0 ? view.ClOrdId : null, view.Ts, detail, view.Status);
        })]);
    }

    public Task<DeskResult> AdoptAsync(string orphanId, int agentId, string actor, CancellationToken ct = default) =>
        RunAsync((r, token) => r.AdoptAsync(orphanId, agentId, actor, token), $"orphan {orphanId} adopted by agent {agentId}", ct);

    public Task<DeskResult> CloseAsync(string orphanId, string actor, CancellationToken ct = default) =>
        RunAsync((r, token) => r.CloseOrphanAsync(orphanId, actor, token), $"orphan {orphanId} closed on the exchange", ct);

    public Task<DeskResult> DismissAsync(string orphanId, string actor, CancellationToken ct = default) =>
        RunAsync((r, token) => r.DismissAsync(orphanId, actor, token), $"orphan {orphanId} dismissed", ct);

    /// <summary>The choices of the open blocks of this kind (the same three ways out for a direction mismatch).</summary>
    public IReadOnlyList<string> ChoicesFor(string kind)
    {
        if (kind is not (ReconciliationKinds.DirectionMismatch or ReconciliationKinds.PositionDrift)) return [];
        // From the published model: the coordinator's own collections change on the loop's thread.
        var open = runtime.ReadModel?.Reconciliation?.Blocks.SelectMany(b => b.Choices.Select(c => c.Name)).Distinct().ToList();
        return open is { Count: > 0 } ? open : DirectionChoices;
    }

    public Task<DeskResult> DecideAsync(string itemId, string choice, string actor, CancellationToken ct = default) =>
        RunAsync(async (r, token) => await r.DecideAsync(itemId, choice, actor, token), $"{itemId}: {choice}", ct);

    private async Task<DeskResult> RunAsync(Func<ReconciliationCoordinator, CancellationToken, Task> action, string done, CancellationToken ct)
    {
        if (runtime is not { Loop: { } loop, Reconciliation: { } reconciliation })
            return DeskResult.Refused(runtime.Failure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is starting");
        try
        {
            await loop.QueryAsync(async _ =>
            {
                await action(reconciliation, ct);
                return true;
            }, ct);
            return DeskResult.Done(done);
        }
        catch (ReconciliationDecisionException e)
        {
            return DeskResult.Refused(e.Message);
        }
        catch (EngineStoppedException)
        {
            return DeskResult.Refused("the engine has stopped");
        }
    }
}
