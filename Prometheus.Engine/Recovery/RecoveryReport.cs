using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Recovery;

/// <summary>
/// What a restart found and did, laid out as the seed's example: system state, restored counts, each agent,
/// ledger agreement (the reconciliation section; three-way reconciliation fills it in later), the decision; what held
/// trading back when the engine stopped (<see cref="Trading"/>), and the seed its random draws go on from.
/// </summary>
public sealed record RecoveryReport(
    DateTimeOffset RecoveredAt,
    double RecoveryMilliseconds,
    bool FreshStart,
    DateTimeOffset? LastSaveAt,
    double? SecondsSinceLastSave,
    RecoveryCounts Counts,
    IReadOnlyList<RecoveredAgent> Agents,
    RecoverySnapshotUse Snapshot,
    RecoveryReconciliation Reconciliation,
    string Decision,
    bool DecisionRequired,
    RecoveredTrading? Trading = null,
    int? Seed = null);

/// <summary>
/// What held trading back when the engine stopped, as restored: a person's pause (and why), the risk state (Active,
/// Reducing, Halted) with its reason, why it halts, and whether the drawdown circuit breaker is tripped. Confirming the
/// report resumes in this state: a paused engine stays paused, a tripped breaker stays tripped until a person resets it.
/// </summary>
public sealed record RecoveredTrading(bool Paused, string PauseReason, string RiskState, string RiskReason, string? HaltReason, bool BreakerTripped)
{
    /// <summary>In one line, as the report's text and page show it.</summary>
    public string Describe()
    {
        var pause = Paused ? $"paused ({PauseReason}): stays paused after confirming until a person resumes" : "not paused";
        var risk = BreakerTripped ? $"circuit breaker TRIPPED ({RiskReason}): halted until a person resets it"
            : RiskState == "Active" ? "risk Active" : $"risk {RiskState} ({RiskReason})";
        return $"{pause}; {risk}";
    }
}

/// <summary>What was restored. <see cref="FundingRecords"/>: the funding records (each agent's share of a swap
/// funding settlement); <see cref="FundingPaid"/>: the net funding they add up to (negative when received).</summary>
public sealed record RecoveryCounts(
    int PublicLedgerRecords,
    int PrivateLedgers,
    int AgentsAlive,
    int AgentsDead,
    int ValhallaHeroes,
    long Cycles,
    double RuntimeHours,
    int FundingRecords = 0,
    decimal FundingPaid = 0m);

public sealed record RecoveredAgent(
    int Id,
    string Name,
    bool Alive,
    decimal Capital,
    decimal Pnl,
    IReadOnlyList<RecoveredPosition> Positions,
    string? DeathReason);

public sealed record RecoveredPosition(string InstId, PositionSide PosSide, decimal Amount, decimal AveragePrice);

/// <summary>
/// Which snapshot the restore started from, any newer one skipped (corrupt, unreadable) with why, and how many
/// journalled changes were replayed on top of it.
/// </summary>
public sealed record RecoverySnapshotUse(string? Used, IReadOnlyList<SkippedSnapshot> Skipped, int EventsReplayed = 0);

public sealed record SkippedSnapshot(string File, string Reason);

public sealed record RecoveryReconciliation(bool Consistent, DateTimeOffset CheckedAt, LedgerVerdict Ledger, IReadOnlyList<ReconciliationItem> Items);

/// <summary>One finding: {kind, case, agentId, instId, posSide, detail, correction, resolved}.</summary>
public sealed record ReconciliationItem(
    string Id,
    string Kind,
    string Case,
    int? AgentId,
    string? InstId,
    PositionSide? PosSide,
    string Detail,
    string? Correction,
    bool Resolved);
