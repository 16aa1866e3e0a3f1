namespace Prometheus.Engine.Ledger;

/// <summary>
/// A private ledger's balances and open positions, as plain data. Its trade history is not here: it is the
/// agent's rows of the public ledger, and a restore rebuilds it from them (its funding records likewise).
/// <see cref="FundingPaid"/> is 0 in states written before funding was booked.
/// </summary>
public sealed record PrivateLedgerState(
    int AgentId,
    decimal InitialCapital,
    decimal Capital,
    decimal Funded,
    decimal FeesPaid,
    decimal RealizedPnl,
    IReadOnlyList<PositionState> Positions,
    IReadOnlyDictionary<string, decimal> Reservations,
    decimal FundingPaid = 0m);
