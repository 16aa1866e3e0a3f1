namespace Prometheus.Web.Observability.Alerts;

/// <summary>What an alert is about; each can be switched on or off with Prometheus:Alerts:Kinds.</summary>
public enum AlertKind
{
    /// <summary>A fill was booked (off by default: a busy book makes many).</summary>
    Fill,
    /// <summary>The drawdown circuit breaker tripped: trading halted until a person resets it.</summary>
    BreakerTripped,
    /// <summary>The system risk state moved (Active, Reducing, Halted) for any other reason, or a person reset it.</summary>
    RiskState,
    /// <summary>Reconciliation found a fill, position or order no agent can own.</summary>
    Orphan,
    /// <summary>The engine waits for a person: a recovery report to confirm, or a discrepancy to decide (blocked).</summary>
    RecoveryAwaiting,
    /// <summary>Reconciliation found the books and the exchange apart (anything but an orphan).</summary>
    ReconciliationMismatch,
    /// <summary>An OKX WebSocket has been down for longer than Prometheus:Alerts:DisconnectedSeconds (and again when it is back).</summary>
    GatewayDisconnected,
}
