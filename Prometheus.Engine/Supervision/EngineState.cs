namespace Prometheus.Engine.Supervision;

/// <summary>Where the engine stands, as the API and the dashboard show it.</summary>
public enum EngineState
{
    Starting,
    /// <summary>Restored from saved state: the market is followed and fills are booked, but no agent trades until a person confirms.</summary>
    AwaitingConfirmation,
    Running,
    /// <summary>Paused by a person: no agent trades; fills still arrive and are booked.</summary>
    Paused,
    /// <summary>A discrepancy needs a person's decision before trading may resume.</summary>
    Blocked,
    Stopping,
}
