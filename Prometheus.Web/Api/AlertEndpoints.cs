using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Api;

/// <summary>GET /api/alerts: the last alerts (newest first, at most 200) with their delivery outcome, and how alerts are set up.</summary>
public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", (AlertQueue queue, AlertHistory history) => Results.Ok(View(queue, history)));
        return api;
    }

    public static AlertsView View(AlertQueue queue, AlertHistory history) =>
        new(queue.Destinations.Count > 0, queue.Destinations, [.. queue.Kinds.Order().Select(k => k.ToString())], queue.Dropped, history.Recent());
}

/// <summary>
/// Enabled: a destination is configured. Destinations: "webhook", "telegram". Kinds: those switched on. Dropped: alerts the
/// full queue dropped unsent. Items: newest first, each with its outcome and one delivery per destination.
/// </summary>
public sealed record AlertsView(bool Enabled, IReadOnlyList<string> Destinations, IReadOnlyList<string> Kinds, long Dropped, IReadOnlyList<AlertRecord> Items);
