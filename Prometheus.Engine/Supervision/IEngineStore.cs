using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The Supervisor's durable memory, called on the trading loop at the moments that must survive a crash.
/// Each call is one transaction and returns only once it is durable. Checkpoints and snapshots are not here:
/// the host takes them from <see cref="Supervisor.CaptureCheckpoint"/> and writes them off the loop.
/// </summary>
public interface IEngineStore
{
    /// <summary>An order intent or its new state, with the clOrdId counter: written before the order is sent.</summary>
    void Journal(JournalEntryState entry, long nextClOrdSequence);

    /// <summary>A booked fill: the trade row, the agent's private ledger and the agent, together.</summary>
    void Booked(TradeRecord record, PrivateLedgerState ledger, AgentState agent);

    /// <summary>
    /// An agent's share of a funding settlement: the funding record and the agent's private ledger, together; with the
    /// Mastermind's decision when the pool settled it for an agent that had died (the pool after it).
    /// </summary>
    void FundingBooked(FundingRecord record, PrivateLedgerState ledger, NumberedDecision? decision = null);

    /// <summary>A birth: the agent, its funded ledger, and the Mastermind's decision that paid the stake (the pool after it).</summary>
    void Born(AgentState agent, PrivateLedgerState ledger, NumberedDecision decision);

    /// <summary>A burial: the agent's record in Valhalla, its final state and ledger, and the Mastermind's reclaim (the pool after it).</summary>
    void Died(FallenAgent fallen, AgentState agent, PrivateLedgerState ledger, NumberedDecision decision);

    /// <summary>
    /// What holds trading back changed (a person paused or resumed, the risk state moved, the breaker was reset): written
    /// at once, so the change outlives a kill right after it. <paramref name="marketMs"/>: the market time of the change.
    /// </summary>
    void ControlChanged(TradingControl control, long marketMs);

    /// <summary>A trade record repaired by reconciliation (case C): the row of that trade id takes the winner's values.</summary>
    void Repaired(TradeRecord record);
}
