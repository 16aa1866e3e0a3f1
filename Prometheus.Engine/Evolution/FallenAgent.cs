using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

/// <summary>An agent's record as it entered Valhalla.</summary>
public sealed record FallenAgent(
    int Id,
    string Name,
    int Generation,
    string InstId,
    long BornAtMs,
    long DiedAtMs,
    DeathReason Reason,
    decimal InitialCapital,
    decimal FinalCapital,
    decimal LifetimePnl,
    int Trades,
    int RoundTrips,
    decimal WinRate,
    int MaxConsecutiveLosses,
    double DaysAlive,
    double Fitness,
    Genome Genome,
    Personality Personality,
    Medals Achievements,
    string LegacyTitle);
