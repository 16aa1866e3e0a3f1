using Prometheus.Engine.Agents;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The Supervisor's side of a death: a condemned agent's positions are closed at market (bypassing pre-trade checks);
/// once it is flat with nothing in flight, the <see cref="Population"/> buries it.
/// </summary>
public sealed partial class Supervisor
{
    /// <summary>Marks an agent to be closed out and buried.</summary>
    internal void Condemn(Agent agent, DeathReason reason) => _population.Condemn(agent, reason);

    private async ValueTask CloseOutDyingAsync(long now, CancellationToken ct)
    {
        if (!_population.SomeoneDying) return; // most bars: nobody to close out, no need to look at every agent
        var stillDying = false;
        var living = _population.Living;
        for (var i = living.Count - 1; i >= 0; i--)
        {
            var agent = living[i];
            if (agent.PendingDeath is not { } reason) continue;
            stillDying = true;
            if (HasOpenOrders(agent.Id)) continue;
            var ledger = Ledger.Private(agent.Id);
            foreach (var lot in ledger.OpenPositions.ToList())
                await SubmitAsync(CloseIntent(agent, lot, TradeOrigin.Death, 1.0), bypassRisk: true, ct);
            if (ledger.OpenPositionCount == 0 && !HasOpenOrders(agent.Id))
                _population.Bury(agent, reason, now);
        }
        _population.CloseOutPassed(stillDying);
    }

    private bool HasOpenOrders(int agentId)
    {
        foreach (var entry in Journal.Open)
            if (entry.AgentId == agentId) return true;
        return false;
    }
}
