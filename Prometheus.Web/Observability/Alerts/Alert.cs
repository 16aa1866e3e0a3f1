namespace Prometheus.Web.Observability.Alerts;

/// <summary>One alert as made on the engine's side: numbered, stamped with the wall clock, its text already free of secrets.</summary>
public sealed record Alert(long Id, AlertKind Kind, string Message, DateTimeOffset At);

/// <summary>What became of an alert (overall, or at one destination).</summary>
public enum AlertOutcome
{
    /// <summary>Waiting in the queue, or being sent.</summary>
    Pending,
    Delivered,
    /// <summary>Every try failed, or the destination refused it for good (a 4xx other than 429).</summary>
    Failed,
    /// <summary>Not sent: more of its kind than Prometheus:Alerts:MaxPerMinute in the last minute.</summary>
    RateLimited,
    /// <summary>Not sent: the queue was full and it was the oldest waiting.</summary>
    Dropped,
}

/// <summary>One destination's outcome for one alert; <see cref="Error"/> says why it failed, without secrets.</summary>
public sealed record AlertDelivery(string Destination, AlertOutcome Outcome, int Attempts, string? Error);

/// <summary>An alert with what became of it: the row GET /api/alerts and the Alerts page show.</summary>
public sealed record AlertRecord(long Id, AlertKind Kind, string Message, DateTimeOffset At, AlertOutcome Outcome, IReadOnlyList<AlertDelivery> Deliveries);
