using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>An exchange position's identity: (instrument, posSide). Positions, holdings and orphans are kept per key.</summary>
internal readonly record struct PositionKey(string InstId, PositionSide PosSide)
{
    public override string ToString() => $"{InstId} {(PosSide == PositionSide.Long ? "long" : "short")}";
}
