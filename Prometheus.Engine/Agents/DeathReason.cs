namespace Prometheus.Engine.Agents;

public enum DeathReason
{
    /// <summary>Capital fell below the bankruptcy threshold.</summary>
    Bankrupt,

    /// <summary>The last stand ran out without recovering.</summary>
    LastStandFailed,

    /// <summary>Among the weakest at a generation, past its grace period.</summary>
    Culled,

    /// <summary>Retired by a person.</summary>
    Retired,
}
