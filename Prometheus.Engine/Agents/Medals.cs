namespace Prometheus.Engine.Agents;

/// <summary>Achievements; each one earned raises the agent's trading level, which gates position size.</summary>
[Flags]
public enum Medals
{
    None = 0,
    FirstProfit = 1 << 0,
    FiveWinStreak = 1 << 1,
    TenWins = 1 << 2,
    Survivor30d = 1 << 3,
    Comeback = 1 << 4,
    Centurion = 1 << 5,
    Profitable10Percent = 1 << 6,
}
