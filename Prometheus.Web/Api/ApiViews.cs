using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;

namespace Prometheus.Web.Api;

// The JSON the API answers with (camelCase, enums by name). Field names are a contract: scripts depend on them.

/// <summary>GET /api/status.</summary>
public sealed record StatusView(
    string State, string StateReason, long Cycle, decimal Equity, decimal UnrealizedPnl, int AgentsAlive, int AgentsDead,
    string Regime, int Trades, int Births, int Deaths, DateTimeOffset? LastCheckpointAt, string Mode, DateTimeOffset? MarketTime,
    string TradingState, double CycleMs);

/// <summary>An open position of one agent.</summary>
public sealed record PositionView(string InstId, string PosSide, decimal Amount, decimal AveragePrice, decimal Margin, decimal UnrealizedPnl, DateTimeOffset OpenedAt);

/// <summary>One row of GET /api/agents: a living agent, ranked by net PnL (1 is the best).</summary>
public sealed record AgentSummary(
    int Id, string Name, string State, string Stage, string InstId, int Generation, decimal Capital, decimal Equity, decimal Pnl,
    decimal WinRate, int Trades, int? Rank, double Fitness, IReadOnlyDictionary<string, double> Genome, IReadOnlyList<PositionView> Positions);

/// <summary>GET /api/agents/{id}: everything about one agent, alive or dead. FundingPaid: net swap funding it paid (negative when received).</summary>
public sealed record AgentDetail(
    AgentSummary Agent,
    PersonalityView Personality,
    EmotionsView Emotions,
    DateTimeOffset BornAt,
    DateTimeOffset? DiedAt,
    string? DeathReason,
    IReadOnlyList<int> Parents,
    int RoundTrips, int Wins, int Losses, int ConsecutiveWins, int ConsecutiveLosses, int MaxConsecutiveWins, int MaxConsecutiveLosses,
    DateTimeOffset? LastStandSince, int LastStandsSurvived, int TradingLevel, IReadOnlyList<string> Medals,
    decimal InitialCapital, decimal Funded, decimal RealizedPnl, decimal FeesPaid, decimal FundingPaid, decimal MaxDrawdown);

/// <summary>GET /api/valhalla: the heroes (best lifetime PnL) and every fallen agent, newest death first.</summary>
public sealed record ValhallaView(int Count, IReadOnlyList<FallenView> Heroes, IReadOnlyList<FallenView> Fallen);

/// <summary>One page of the public ledger, newest first, as the dashboard's pages read it (the API answers <see cref="FillPage"/>).</summary>
public sealed record TradePage(int Total, int Skip, int Take, IReadOnlyList<TradeRecord> Items);

/// <summary>The answer to a control: what the engine is in now.</summary>
public sealed record ControlResult(string State, string StateReason);

/// <summary>An API error: what is wrong, in a sentence, and the request field at fault when there is one. Answered as problem details (ApiProblems).</summary>
public sealed record ApiError(string Error, string? Field = null);

/// <summary>One audit log entry.</summary>
public sealed record AuditView(long Id, DateTimeOffset At, string Actor, string Action, string Detail);
