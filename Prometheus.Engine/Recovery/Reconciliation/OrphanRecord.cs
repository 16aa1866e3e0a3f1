using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Exposure no agent owns: (part of) a fill placed by hand or under a clOrdId no agent has, or a position difference
/// with no fill. <see cref="Delta"/> is signed, in the instrument's unit: positive adds to the (instId, posSide)
/// position, negative takes from it. The reconciler makes them (<see cref="RecordOrphan"/>); the coordinator keeps
/// them and hands them back, so a rerun knows them and counts their exposure.
/// </summary>
/// <param name="TradeId">The exchange fill it comes from; null for a position difference.</param>
public sealed record OrphanRecord(
    string Id,
    string InstId,
    PositionSide PosSide,
    decimal Delta,
    decimal Price,
    decimal Fee,
    string? TradeId,
    string OrdId,
    string ClOrdId,
    long TimestampMs,
    string Reason,
    OrphanStatus Status = OrphanStatus.Open);

/// <summary>
/// What a person decided about an orphan. Only <see cref="Adopted"/> changes the arithmetic: an adopted orphan was
/// booked to an agent (under the fill's trade id with a "-suffix"), so its exposure is the agent's, not the orphan's.
/// </summary>
public enum OrphanStatus
{
    Open,
    Adopted,
    Closed,
    Dismissed,
}
