using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;

namespace Prometheus.Web.Dashboard;

// What the engine tells its watchers, as immutable records copied on the loop's thread: nothing here refers to an
// object the engine goes on changing.

/// <summary>An agent was born (copied from the mutable Agent at the moment of its birth).</summary>
public sealed record AgentBirth(int AgentId, string Name, string InstId, int Generation, IReadOnlyList<int> Parents, long BornAtMs);

/// <summary>The engine moved to another state (Running, Paused, AwaitingConfirmation, Blocked...).</summary>
public sealed record StateChange(EngineState State, string Reason, DateTimeOffset At);

/// <summary>The market regime changed between two published statuses.</summary>
public sealed record RegimeChange(MarketRegime From, MarketRegime To, long MarketTimeMs);

/// <summary>
/// The figures that need a look inside the Supervisor, taken once a second by one query on the loop whatever the
/// number of open pages: the ranking, today's PnL, drawdown and the trading state.
/// </summary>
public sealed record LiveSnapshot(
    long Cycle,
    IReadOnlyList<AgentSummary> Agents,
    decimal DayOpenEquity,
    decimal TodayPnl,
    decimal Drawdown,
    decimal PeakEquity,
    string TradingState,
    string TradingStateReason);

/// <summary>
/// One throttled batch sent to the pages and the hub: at most one every <see cref="EngineEvents.Period"/>. Fills beyond
/// <see cref="EngineEvents.MaxFillsPerUpdate"/> in one batch are counted in <see cref="FillsNotShown"/>, not sent.
/// </summary>
public sealed record DashboardUpdate(
    EngineStatus Status,
    bool StatusChanged,
    IReadOnlyList<TradeRecord> Fills,
    int FillsNotShown,
    IReadOnlyList<AgentBirth> Births,
    IReadOnlyList<FallenAgent> Deaths,
    IReadOnlyList<StateChange> States,
    RegimeChange? Regime,
    IReadOnlyList<ReconciliationItem> Findings,
    LiveSnapshot? Snapshot,
    EquityPoint? Equity)
{
    public bool HasNews => StatusChanged || Fills.Count > 0 || FillsNotShown > 0 || Births.Count > 0 || Deaths.Count > 0
        || States.Count > 0 || Regime is not null || Findings.Count > 0 || Snapshot is not null;
}
