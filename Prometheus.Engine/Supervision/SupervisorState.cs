using System.Text.Json.Serialization;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The Supervisor's own state (not its agents, ledgers or Mastermind), as plain data. <see cref="Seed"/>: what its random
/// draws derive from (null when it was given a generator whole, as a backtest is); <see cref="Paused"/> and
/// <see cref="PauseReason"/>: a person's pause, which outlives a restart. <see cref="RiskLog"/> is null in a checkpoint
/// when no order was denied since the previous save (the log is as it was: it is the bulk of the state, and rarely moves).
/// <see cref="Marks"/>: the last price of each instrument, by symbol.
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
    IReadOnlyDictionary<string, decimal>? Marks,
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
    string PauseReason = "",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? SpotMark = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? SwapMark = null)
{
    /// <summary>
    /// The marks by symbol. States saved before instruments were data carry two fields instead, spotMark and swapMark,
    /// which could only mean BTC spot and the BTC swap: read as such.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> MarksBySymbol => Marks ?? new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["BTC-USDT"] = SpotMark ?? 0m,
        ["BTC-USDT-SWAP"] = SwapMark ?? 0m,
    };
}
