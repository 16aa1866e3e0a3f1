using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>One position closed by a person: at market, as an emergency close is (pre-trade checks bypassed: it only reduces exposure).</summary>
public sealed partial class Supervisor
{
    /// <summary>The system's maximum holding time: a position opened at t is closed at t + this.</summary>
    public long MaxHoldingMs => _maxHoldingMs;

    /// <summary>Closes agent <paramref name="agentId"/>'s whole <paramref name="posSide"/> position on <paramref name="instId"/>; false when there is none.</summary>
    public async ValueTask<bool> ClosePositionAsync(int agentId, string instId, PositionSide posSide, CancellationToken ct = default)
    {
        if (!Agents.TryGetValue(agentId, out var agent) || !agent.IsAlive) return false;
        var instrument = _options.Instruments.TryGet(instId);
        if (instrument is null || Ledger.Private(agentId).Position(instrument, posSide) is not { IsOpen: true } lot) return false;
        await SubmitAsync(CloseIntent(agent, lot, TradeOrigin.Manual, 1.0), bypassRisk: true, ct);
        return true;
    }
}
