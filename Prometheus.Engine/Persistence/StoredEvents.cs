using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The changes the store journals (table Events), each with the full post-state of what it touched, so that replaying
/// them in version order on top of a snapshot is "last write wins" and needs no engine logic. The kind names are the
/// values of the Kind column.
/// </summary>
public static class EventKinds
{
    public const string Booked = "booked";
    public const string Funding = "funding";
    public const string Born = "born";
    public const string Died = "died";
    public const string Journal = "journal";
    public const string Checkpoint = "checkpoint";
    public const string Control = "control";
}

/// <summary>A fill booked: the trade (also a row of Trades), the agent's ledger and the agent after it.</summary>
public sealed record BookedEvent(TradeRecord Record, PrivateLedgerState Ledger, AgentState Agent);

/// <summary>An agent's share of a funding settlement booked (also a row of Funding), and the agent's ledger after it.</summary>
public sealed record FundingEvent(FundingRecord Record, PrivateLedgerState Ledger, NumberedDecision? Decision = null);

/// <summary>An agent born, its ledger funded, and the Mastermind's decision that paid for it.</summary>
public sealed record BornEvent(AgentState Agent, PrivateLedgerState Ledger, NumberedDecision Decision);

/// <summary>An agent buried in Valhalla, its final state and ledger, and the Mastermind's reclaim.</summary>
public sealed record DiedEvent(FallenAgent Fallen, AgentState Agent, PrivateLedgerState Ledger, NumberedDecision Decision);

/// <summary>An order journal entry written or moved, with the clOrdId counter after it.</summary>
public sealed record JournalEvent(JournalEntryState Entry, long NextClOrdSequence);

/// <summary>
/// A checkpoint: the Supervisor's own state, the Mastermind's pool and the decisions it made since the previous
/// checkpoint, and the agents (with their ledgers) changed since then.
/// </summary>
public sealed record CheckpointEvent(
    long TakenAtMs,
    long LastTradeId,
    SupervisorState Supervisor,
    decimal Pool,
    int DecisionCount,
    IReadOnlyList<NumberedDecision> NewDecisions,
    IReadOnlyList<AgentState> Agents,
    IReadOnlyList<PrivateLedgerState> Ledgers,
    bool InterventionMode = false,
    decimal? SpotShare = null,
    decimal RiskAppetite = 1m);

/// <summary>A person's pause or the risk state changed: what holds trading back after it, and the market time of the change.</summary>
public sealed record ControlEvent(TradingControl Control, long MarketMs);

/// <summary>One row of Events, read back: its version, wall time, kind and payload (one of the records above).</summary>
public sealed record StoredEvent(long Version, long RecordedAtMs, object Payload);
