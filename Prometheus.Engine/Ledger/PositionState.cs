using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>One open position of a private ledger, as plain data.</summary>
public sealed record PositionState(string InstId, PositionSide PosSide, decimal Amount, decimal AveragePrice, long OpenedAtMs, decimal Margin, decimal OpenFees);
