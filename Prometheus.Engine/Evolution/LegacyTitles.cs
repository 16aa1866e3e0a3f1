using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

/// <summary>The name a fallen agent is remembered by, read off its record.</summary>
public static class LegacyTitles
{
    public static string For(DeathReason reason, decimal lifetimePnl, decimal baseCapital, int roundTrips, decimal winRate, double daysAlive, Medals medals)
    {
        var roi = baseCapital > 0m ? lifetimePnl / baseCapital : 0m;
        if (roi >= 0.5m) return "Legend of the Hall";
        if (roi >= 0.1m) return "The Prosperous";
        if (medals.HasFlag(Medals.Comeback) && reason != DeathReason.Bankrupt) return "The Unbroken";
        if (roundTrips == 0) return "The Silent Watcher";
        if (reason == DeathReason.Bankrupt) return roundTrips < 5 ? "The Reckless" : "The Ruined";
        if (winRate >= 0.6m) return "The Sharpshooter";
        if (daysAlive >= 90) return "The Ancient";
        if (reason == DeathReason.LastStandFailed) return "Fell at the Last Stand";
        return lifetimePnl >= 0m ? "The Steady" : "The Forgotten";
    }
}
