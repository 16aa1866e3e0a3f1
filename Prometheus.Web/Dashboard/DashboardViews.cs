using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Dashboard;

// Views of the risk and the Mastermind (GET /api/mastermind serves the latter). Built on the loop, between cycles, like EngineViews.

/// <summary>The Risk page: the limits, where the book stands against them, and the denials.</summary>
public sealed record RiskView(
    string TradingState,
    string TradingStateReason,
    string? HaltReason,
    decimal Equity,
    decimal DayOpenEquity,
    decimal TodayPnl,
    decimal DailyLossLimit,
    decimal PeakEquity,
    decimal Drawdown,
    decimal ReducingDrawdown,
    decimal MaxDrawdown,
    bool BreakerTripped,
    int OrdersToday,
    int MaxDailyOrders,
    RiskOptions Limits,
    int DenialsTotal,
    IReadOnlyList<KeyValuePair<string, int>> DenialsByReason,
    IReadOnlyList<RiskDenial> RecentDenials);

/// <summary>The Mastermind page: capital, the spot/swap split, environment pressure and the decisions with their reasons.</summary>
public sealed record MastermindView(
    decimal TotalCapital,
    decimal Pool,
    decimal StakePerAgent,
    decimal DeployedShareTarget,
    decimal SpotShareTarget,
    bool InterventionMode,
    decimal RiskAppetite,
    double EnvironmentPressure,
    IReadOnlyList<InstrumentAllocation> Instruments,
    int DecisionCount,
    IReadOnlyList<AllocationDecision> Decisions);

/// <summary>The living agents on one instrument and the capital they hold.</summary>
public sealed record InstrumentAllocation(string InstId, string Kind, int Agents, decimal Capital, decimal Equity);

public static class DashboardViews
{
    public const int MaxDecisions = 200;

    public static RiskView Risk(Supervisor s, EngineOptions options)
    {
        var r = s.SystemRisk;
        var limits = options.Risk;
        var equity = s.Equity;
        return new RiskView(r.State.ToString(), r.StateReason, r.HaltReason?.ToString(), equity, r.DayOpenEquity,
            r.DayOpenEquity > 0m ? equity - r.DayOpenEquity : 0m, r.DayOpenEquity * limits.MaxDailyLossPercent, r.PeakEquity, r.Drawdown,
            limits.ReducingDrawdownPercent, limits.MaxDrawdownPercent, r.DrawdownBreakerTripped, r.TradesToday, limits.MaxDailyTrades, limits,
            s.RiskLog.Total, [.. s.RiskLog.Counts.OrderByDescending(c => c.Value).Select(c => new KeyValuePair<string, int>(c.Key.ToString(), c.Value))],
            [.. s.RiskLog.Recent.Reverse().Take(100)]);
    }

    public static MastermindView Mastermind(Supervisor s, EngineOptions options)
    {
        var m = s.Mastermind;
        var instruments = Instrument.All.Select(i =>
        {
            var living = s.Living.Where(a => a.Instrument == i).ToList();
            return new InstrumentAllocation(i.InstId, i.Kind.ToString(), living.Count,
                living.Sum(a => s.Ledger.Private(a.Id).Capital), living.Sum(a => s.Ledger.Private(a.Id).Equity(s.Marks)));
        }).ToList();
        return new MastermindView(m.TotalCapital, m.Pool, m.StakePerAgent, options.Mastermind.DeployedShare, m.SpotShare,
            m.InterventionMode, m.RiskAppetite, s.EnvironmentPressure, instruments, m.DecisionCount, [.. m.History.Reverse().Take(MaxDecisions)]);
    }
}
