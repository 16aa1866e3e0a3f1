using Prometheus.Engine.Configuration;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;

namespace Prometheus.Web.Dashboard;

// Views of the risk and the Mastermind (GET /api/mastermind serves the latter), built from the engine's read model like EngineViews.

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
    IReadOnlyList<Api.DecisionView> Decisions);

/// <summary>The living agents on one instrument and the capital they hold.</summary>
public sealed record InstrumentAllocation(string InstId, string Kind, int Agents, decimal Capital, decimal Equity);

public static class DashboardViews
{
    public const int MaxDecisions = MastermindReading.MaxDecisions;

    public static RiskView Risk(EngineReadModel m, EngineOptions options)
    {
        var r = m.Risk.State;
        var limits = options.Risk;
        var equity = m.Book.Equity;
        return new RiskView(r.State.ToString(), r.StateReason, r.HaltReason?.ToString(), equity, r.DayOpenEquity,
            r.DayOpenEquity > 0m ? equity - r.DayOpenEquity : 0m, r.DayOpenEquity * limits.MaxDailyLossPercent, r.PeakEquity, r.Drawdown,
            limits.ReducingDrawdownPercent, limits.MaxDrawdownPercent, r.DrawdownBreakerTripped, r.OrdersToday, limits.MaxDailyTrades, limits,
            m.Risk.DenialsTotal, m.Risk.DenialsByReason, m.Risk.RecentDenials);
    }

    public static MastermindView Mastermind(EngineReadModel m, EngineOptions options)
    {
        var mm = m.Mastermind;
        return new MastermindView(mm.TotalCapital, mm.Pool, mm.StakePerAgent, options.Mastermind.DeployedShare, mm.SpotShare,
            mm.InterventionMode, mm.RiskAppetite, mm.EnvironmentPressure,
            [.. mm.Instruments.Select(i => new InstrumentAllocation(i.InstId, i.Kind, i.Agents, i.Capital, i.Equity))], mm.DecisionCount,
            [.. mm.Decisions.Select(Api.DecisionView.From)]);
    }
}
