namespace Prometheus.Engine.Supervision;

/// <summary>What came of a person's request to close one agent's position.</summary>
public enum PositionCloseResult
{
    /// <summary>The close was sent to the exchange (its fill is booked with origin Manual).</summary>
    Closed,
    /// <summary>No living agent holds that position.</summary>
    NoSuchPosition,
    /// <summary>The engine's state does not allow it now (<see cref="PositionCloseOutcome.Reason"/> says why).</summary>
    Refused,
}

public sealed record PositionCloseOutcome(PositionCloseResult Result, string? Reason = null);
