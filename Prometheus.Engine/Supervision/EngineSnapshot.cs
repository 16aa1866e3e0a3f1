using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The whole engine at one instant, but for the trade and funding records (which the store keeps as rows, append-only):
/// what a checkpoint or snapshot holds and a restore reads. A checkpoint may carry only the agents and ledgers
/// that changed since the previous one (<see cref="IsPartial"/>).
/// </summary>
public sealed record EngineSnapshot(
    long TakenAtMs,
    long LastTradeId,
    bool IsPartial,
    SupervisorState Supervisor,
    MastermindState Mastermind,
    IReadOnlyList<AgentState> Agents,
    IReadOnlyList<PrivateLedgerState> Ledgers,
    IReadOnlyList<FallenAgent> Valhalla);
