namespace Prometheus.Web.Observability;

/// <summary>The metric families /metrics exposes (README "Metrics" lists them with their meaning).</summary>
public static class MetricNames
{
    public const string OrdersSent = "prometheus_orders_sent_total";
    public const string OrdersAcknowledged = "prometheus_orders_acknowledged_total";
    public const string OrdersRejected = "prometheus_orders_rejected_total";
    public const string OrdersUnknown = "prometheus_orders_outcome_unknown_total";
    public const string Fills = "prometheus_fills_total";
    public const string Booking = "prometheus_booking_seconds";
    public const string OrderRoundTrip = "prometheus_order_round_trip_seconds";
    public const string Equity = "prometheus_equity_usdt";
    public const string Drawdown = "prometheus_drawdown_ratio";
    public const string BookEquity = "prometheus_book_equity_usdt";
    public const string BookDrawdown = "prometheus_book_drawdown_ratio";
    public const string ReconciliationFindings = "prometheus_reconciliation_findings";
    public const string ReconciliationFound = "prometheus_reconciliation_findings_found_total";
    public const string SnapshotAge = "prometheus_snapshot_age_seconds";
    public const string WsReconnects = "prometheus_ws_reconnects_total";
    public const string BreakerTripped = "prometheus_breaker_tripped";
    public const string AlertsDropped = "prometheus_alerts_dropped_total";
}
