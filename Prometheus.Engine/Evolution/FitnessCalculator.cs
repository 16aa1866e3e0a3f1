using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

/// <summary>
/// Fitness = risk-adjusted return: the annualised Sharpe-like ratio of daily equity returns, plus the return on
/// capital, less a drawdown penalty. An agent with fewer round trips than the minimum counts only in proportion,
/// and the rest of its weight is a small penalty, so idleness is never the fittest strategy.
/// </summary>
public static class FitnessCalculator
{
    private const double IdlePenalty = -0.5;

    public static double Compute(Agent agent, decimal pnl, decimal baseCapital, EvolutionOptions options)
    {
        var roi = baseCapital > 0m ? (double)(pnl / baseCapital) : -1;
        var raw = agent.Performance.Sharpe(365) + 5 * roi - options.DrawdownPenalty * (double)agent.Performance.MaxDrawdown;
        var weight = options.MinTrades == 0 ? 1 : Math.Min(1.0, agent.RoundTrips / (double)options.MinTrades);
        return weight * raw + (1 - weight) * IdlePenalty;
    }
}
