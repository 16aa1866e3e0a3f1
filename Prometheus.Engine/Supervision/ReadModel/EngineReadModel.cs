using System.Collections.Immutable;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision.ReadModel;

/// <summary>
/// The engine as readers on other threads see it: one immutable object, built on the trading loop's thread after a
/// cycle, a command or a state change, and published by a single reference swap (<see cref="TradingLoop.ReadModel"/>).
/// Pages, the hub, the API and the metrics read only this; nothing outside the loop touches the Supervisor.
/// Invariant: every part is of the same instant (one <see cref="Version"/>), and nothing in it changes once published.
/// </summary>
/// <param name="Version">Increases with every publication (1 is the first).</param>
/// <param name="BuiltAtMs">Wall time of the build (the loop's TimeProvider).</param>
/// <param name="NowMs">Market time of the build (the Supervisor's clock).</param>
/// <param name="Ranked">The living agents, best net PnL first (ties by id); each carries its rank.</param>
/// <param name="Agents">Every agent ever born this run, living or dead, by id.</param>
/// <param name="Reconciliation">Null when the engine runs without reconciliation.</param>
public sealed record EngineReadModel(
    long Version,
    long BuiltAtMs,
    long NowMs,
    EngineStatus Status,
    BookReading Book,
    ImmutableArray<AgentReading> Ranked,
    ImmutableDictionary<int, AgentReading> Agents,
    ValhallaReading Valhalla,
    RiskReading Risk,
    MastermindReading Mastermind,
    ReconciliationReading? Reconciliation,
    LedgerReading Ledger)
{
    /// <summary>What readers see before the loop has published anything (the engine starts).</summary>
    public static EngineReadModel Empty(string mode) => new(0, 0, 0, EngineStatus.Initial(mode),
        new BookReading(0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0, 0, 0m), [], ImmutableDictionary<int, AgentReading>.Empty,
        new ValhallaReading(0, [], []), RiskReading.Empty, MastermindReading.Empty, null, LedgerReading.Empty);

    /// <summary>The living agents' open positions, in ranking order.</summary>
    public IEnumerable<(AgentReading Agent, PositionReading Position)> OpenPositions =>
        Ranked.SelectMany(a => a.Positions.Select(p => (a, p)));
}

/// <summary>
/// The whole book: equity (pool plus every agent's equity at the marks) and the sums a trader's summary starts from.
/// GrossProfit and GrossLoss are the closing fills' net results (PnL less fee), summed by sign. MarketPrice is the first
/// traded coin's price, <see cref="Prices"/> every traded coin's (null before any mark).
/// </summary>
public sealed record BookReading(decimal Equity, decimal StartCapital, decimal Realized, decimal Unrealized, decimal Fees, decimal Funding,
    decimal GrossProfit, decimal GrossLoss, int Wins, int Losses, decimal MarketPrice, CoinPrices? Prices = null);

/// <summary>One agent, living or dead, with its private ledger's figures at the build's marks.</summary>
/// <param name="State">Alive, Dying, LastStand or Dead.</param>
/// <param name="Rank">1 is the best living agent; null when dead.</param>
/// <param name="Genome">Gene name to value, in the genome's order (shared between builds: a genome never changes).</param>
public sealed record AgentReading(
    int Id, string Name, string State, string Stage, string InstId, int Generation, decimal Capital, decimal Equity, decimal Pnl,
    decimal WinRate, int Trades, int? Rank, double Fitness, IReadOnlyDictionary<string, double> Genome, ImmutableArray<PositionReading> Positions,
    Agents.Personality Personality, Agents.EmotionalState Emotions, long BornAtMs, long? DiedAtMs, string? DeathReason, ImmutableArray<int> Parents,
    int RoundTrips, int Wins, int Losses, int ConsecutiveWins, int ConsecutiveLosses, int MaxConsecutiveWins, int MaxConsecutiveLosses,
    long? LastStandSinceMs, int LastStandsSurvived, int TradingLevel, ImmutableArray<string> Medals,
    decimal InitialCapital, decimal Funded, decimal RealizedPnl, decimal FeesPaid, decimal FundingPaid, decimal MaxDrawdown);

/// <summary>An open position of one agent, its mark, and the exit plan the engine follows (stop, target, latest close time).</summary>
public sealed record PositionReading(string InstId, Exchange.PositionSide Side, decimal Amount, decimal AveragePrice, decimal Margin, decimal Mark,
    decimal UnrealizedPnl, long OpenedAtMs, decimal StopLoss, decimal TakeProfit, long MaxHoldUntilMs);

/// <summary>Valhalla: how many fell, the heroes, and every fallen agent, newest death first.</summary>
public sealed record ValhallaReading(int Count, ImmutableArray<FallenAgent> Heroes, ImmutableArray<FallenAgent> Fallen);

/// <summary>The system risk state, the denial counts by reason (most first) and the newest denials (newest first).</summary>
public sealed record RiskReading(SystemRiskState State, int DenialsTotal, ImmutableArray<KeyValuePair<string, int>> DenialsByReason,
    ImmutableArray<RiskDenial> RecentDenials)
{
    public const int MaxRecentDenials = 100;

    public static RiskReading Empty { get; } = new(
        new SystemRiskState(TradingState.Active, "", null, 0, 0, 0m, 0m, 0m, false, 0m, 0), 0, [], []);
}

/// <summary>The Mastermind's capital, allocation, intervention and its newest decisions (newest first).</summary>
public sealed record MastermindReading(decimal TotalCapital, decimal Pool, decimal StakePerAgent, decimal SpotShare, bool InterventionMode,
    decimal RiskAppetite, double EnvironmentPressure, ImmutableArray<InstrumentReading> Instruments, int DecisionCount,
    ImmutableArray<AllocationDecision> Decisions)
{
    public const int MaxDecisions = 200;

    public static MastermindReading Empty { get; } = new(0m, 0m, 0m, 0m, false, 1m, 0, [], 0, []);
}

/// <summary>The living agents on one instrument and the capital and equity they hold.</summary>
public sealed record InstrumentReading(string InstId, string Kind, int Agents, decimal Capital, decimal Equity);

/// <summary>
/// The public ledger and each agent's private history, oldest first. Immutable lists grown by appending between builds,
/// so a publication shares all but the new fills with the one before.
/// </summary>
public sealed record LedgerReading(ImmutableList<TradeRecord> Records, ImmutableDictionary<int, ImmutableList<TradeRecord>> ByAgent)
{
    public static LedgerReading Empty { get; } = new([], ImmutableDictionary<int, ImmutableList<TradeRecord>>.Empty);

    public ImmutableList<TradeRecord> Of(int? agentId) => agentId is { } id ? ByAgent.GetValueOrDefault(id, []) : Records;
}
