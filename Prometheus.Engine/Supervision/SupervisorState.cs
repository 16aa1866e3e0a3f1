using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The Supervisor's own state (not its agents, ledgers or Mastermind), as plain data. <see cref="Seed"/>: what its random
/// draws derive from (null when it was given a generator whole, as a backtest is); <see cref="Paused"/> and
/// <see cref="PauseReason"/>: a person's pause, which outlives a restart. <see cref="RiskLog"/> is null in a checkpoint
/// when no order was denied since the previous save (the log is as it was: it is the bulk of the state, and rarely moves).
/// </summary>
public sealed record SupervisorState(
    long Cycle,
    long StartedAtMs,
    int Births,
    int Deaths,
    int Generations,
    double EnvironmentPressure,
    int NextAgentId,
    int TargetPopulation,
    double CullDebt,
    long NextHourMs,
    long NextDayMs,
    long NextGenerationMs,
    bool EvolutionEnabled,
    decimal SpotMark,
    decimal SwapMark,
    long NextClOrdSequence,
    SystemRiskState Risk,
    RiskLogState? RiskLog,
    long JournalWritten,
    long JournalFinished,
    IReadOnlyList<JournalEntryState> OpenOrders,
    IReadOnlyList<string> AllocatedLiquidations,
    IReadOnlyList<ExchangeFill> Unattributed,
    int ExchangeRejects,
    MarketSnapshot Market,
    long RuntimeMs,
    long TradableBars = 0,
    int? Seed = null,
    bool Paused = false,
    string PauseReason = "");
