namespace Prometheus.Engine.Agents;

/// <summary>Which medals an agent has earned by now; medals are never taken back.</summary>
public static class MedalRules
{
    public static Medals Earned(Agent agent, decimal pnl, decimal baseCapital, long nowMs)
    {
        var medals = agent.Medals;
        if (agent.Wins > 0) medals |= Medals.FirstProfit;
        if (agent.MaxConsecutiveWins >= 5) medals |= Medals.FiveWinStreak;
        if (agent.Wins >= 10) medals |= Medals.TenWins;
        if (agent.DaysAlive(nowMs) >= 30) medals |= Medals.Survivor30d;
        if (agent.LastStandsSurvived > 0) medals |= Medals.Comeback;
        if (agent.RoundTrips >= 100) medals |= Medals.Centurion;
        if (baseCapital > 0m && pnl / baseCapital >= 0.10m) medals |= Medals.Profitable10Percent;
        return medals;
    }
}
