namespace Prometheus.Engine.Agents;

/// <summary>Life stages by age, and the last-stand and bankruptcy rules on equity.</summary>
public static class Lifecycle
{
    public static LifeStage StageAt(double daysAlive, AgentOptions options) =>
        daysAlive >= options.ElderAfterDays ? LifeStage.Elder
        : daysAlive >= options.MatureAfterDays ? LifeStage.Mature
        : daysAlive >= options.AdolescentAfterDays ? LifeStage.Adolescent
        : LifeStage.Newborn;

    /// <summary>
    /// Judges an agent's standing from its equity against its starting capital (plus what the Mastermind added).
    /// Below the bankruptcy line: death. Below the last-stand line: a last stand starts, and if it is still below
    /// when the last stand's time runs out: death. Back above it: the last stand is won.
    /// </summary>
    public static StandingVerdict Judge(decimal equity, decimal baseCapital, long? lastStandSinceMs, long nowMs, AgentOptions options)
    {
        if (baseCapital <= 0m)
            return StandingVerdict.Die(DeathReason.Bankrupt);
        // Compared by multiplication: this runs for every agent every hour, and decimal division is slow.
        if (equity < baseCapital * options.BankruptcyThreshold)
            return StandingVerdict.Die(DeathReason.Bankrupt);
        if (equity < baseCapital * options.LastStandThreshold)
        {
            if (lastStandSinceMs is null)
                return StandingVerdict.StartLastStand;
            return nowMs - lastStandSinceMs.Value >= (long)(options.LastStandHours * 3_600_000)
                ? StandingVerdict.Die(DeathReason.LastStandFailed)
                : StandingVerdict.Unchanged;
        }
        return lastStandSinceMs is null ? StandingVerdict.Unchanged : StandingVerdict.SurvivedLastStand;
    }
}

public readonly record struct StandingVerdict(StandingChange Change, DeathReason? Reason)
{
    public static readonly StandingVerdict Unchanged = new(StandingChange.None, null);
    public static readonly StandingVerdict StartLastStand = new(StandingChange.LastStandStarted, null);
    public static readonly StandingVerdict SurvivedLastStand = new(StandingChange.LastStandSurvived, null);
    public static StandingVerdict Die(DeathReason reason) => new(StandingChange.Dies, reason);
}

public enum StandingChange
{
    None,
    LastStandStarted,
    LastStandSurvived,
    Dies,
}
