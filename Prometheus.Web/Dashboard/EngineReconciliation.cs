using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The dashboard's port to reconciliation, on the running engine: orphans are read from the published read model;
/// decisions are commands through the same port as the API's (IEngineCommands); a refusal comes back with the
/// coordinator's reason.
/// </summary>
public sealed class EngineReconciliation(EngineRuntime runtime, IEngineCommands commands) : IOrphanDesk, IRecoveryDecisions
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
        SendAsync(new AdoptOrphan(actor, orphanId, agentId), ct);

    public Task<DeskResult> CloseAsync(string orphanId, string actor, CancellationToken ct = default) =>
        SendAsync(new CloseOrphan(actor, orphanId), ct);

    public Task<DeskResult> DismissAsync(string orphanId, string actor, CancellationToken ct = default) =>
        SendAsync(new DismissOrphan(actor, orphanId), ct);

    /// <summary>The choices of the open blocks of this kind (the same three ways out for a direction mismatch).</summary>
    public IReadOnlyList<string> ChoicesFor(string kind)
    {
        if (kind is not (ReconciliationKinds.DirectionMismatch or ReconciliationKinds.PositionDrift)) return [];
        // From the published model: the coordinator's own collections change on the loop's thread.
        var open = runtime.ReadModel?.Reconciliation?.Blocks.SelectMany(b => b.Choices.Select(c => c.Name)).Distinct().ToList();
        return open is { Count: > 0 } ? open : DirectionChoices;
    }

    public Task<DeskResult> DecideAsync(string itemId, string choice, string actor, CancellationToken ct = default) =>
        SendAsync(new DecideBlock(actor, itemId, choice), ct);

    /// <summary>Through the command port, as the API's decisions go (validated and audited there, marked "(dashboard)").</summary>
    private async Task<DeskResult> SendAsync(EngineCommand command, CancellationToken ct)
    {
        var result = await commands.SendAsync(command with { Via = DashboardControls.Via }, ct);
        return result.Accepted ? DeskResult.Done(result.Message) : DeskResult.Refused(result.Message);
    }
}
