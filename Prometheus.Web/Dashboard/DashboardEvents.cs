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
/// One batch of news: to the hub at most one every <see cref="EngineEvents.BatchGap"/>, to the pages at most one every
/// <see cref="EngineEvents.Period"/> (the hub's batches merged). Fills beyond <see cref="EngineEvents.MaxFillsPerUpdate"/>
/// in one batch are counted in <see cref="FillsNotShown"/>, not sent.
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

    /// <summary>What a person waits to see (the engine paused, a finding): it goes to the pages at once, not at the next tick.</summary>
    public bool IsUrgent => States.Count > 0 || Findings.Count > 0;

    /// <summary>
    /// This batch followed by <paramref name="later"/> as one: the later status, snapshot and equity point, every birth,
    /// death, state change and finding, and fills up to <see cref="EngineEvents.MaxFillsPerUpdate"/> with the rest counted.
    /// </summary>
    public DashboardUpdate Then(DashboardUpdate later)
    {
        var fills = Fills.Concat(later.Fills).ToList();
        var overflow = Math.Max(0, fills.Count - EngineEvents.MaxFillsPerUpdate);
        if (overflow > 0) fills.RemoveRange(EngineEvents.MaxFillsPerUpdate, overflow);
        var regime = (Regime, later.Regime) switch
        {
            ({ } first, { } last) => first.From == last.To ? null : new RegimeChange(first.From, last.To, last.MarketTimeMs),
            (var only, null) => only,
            (null, var only) => only,
        };
        return new DashboardUpdate(later.Status, StatusChanged || later.StatusChanged, fills, FillsNotShown + later.FillsNotShown + overflow,
            [.. Births, .. later.Births], [.. Deaths, .. later.Deaths], [.. States, .. later.States], regime,
            [.. Findings, .. later.Findings], later.Snapshot ?? Snapshot, later.Equity ?? Equity);
    }
}
