using Prometheus.Web.Api;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Shared;

/// <summary>Agents' equity as a return in % from a start, so agents of any size share one readable axis.</summary>
public static class AgentReturns
{
    /// <summary>How many agents the chart shows until a person picks others: the best ranked.</summary>
    public const int DefaultShown = 5;

    /// <summary>How many agents are offered to pick from, best ranked first.</summary>
    public const int Offered = 20;

    /// <summary>
    /// <paramref name="points"/> as % return from <paramref name="start"/> ((equity / start − 1) × 100), in the
    /// <see cref="EquityPoint.Equity"/> field the line chart draws. A start that is not positive has no return: none.
    /// </summary>
    public static List<EquityPoint> Percent(IReadOnlyList<EquityPoint> points, decimal start) =>
        start <= 0m ? [] : points.Select(p => new EquityPoint(p.TimeMs, Percent(p.Equity, start))).ToList();

    public static decimal Percent(decimal equity, decimal start) => Math.Round((equity / start - 1m) * 100m, 4);

    /// <summary>The living agents to offer, best ranked first (unranked last, by id).</summary>
    public static List<AgentSummary> Ranked(IEnumerable<AgentSummary> agents) =>
        agents.OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Id).Take(Offered).ToList();
}
