using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Prometheus.Web.Api;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Hubs;

/// <summary>
/// /hubs/engine: the dashboard's events for any other client (a script, another screen), signed in with the dashboard
/// cookie or the admin token (Authorization: Bearer, or access_token in the query string for WebSockets).
/// Server to client only. Messages: status, fills, births, deaths, state, regime, findings (see <see cref="EngineHubBroadcaster"/>).
/// </summary>
[Authorize]
public sealed class EngineHub(EngineEvents events) : Hub
{
    public const string Path = "/hubs/engine";

    /// <summary>What the caller starts from: the status now and the latest fills (newest first).</summary>
    public HubSnapshot Snapshot()
    {
        var state = events.Current;
        return new HubSnapshot(EngineViews.Status(state.Status), [.. state.RecentFills.Take(EngineEvents.MaxFillsPerUpdate).Select(FillView.From)]);
    }
}

public sealed record HubSnapshot(StatusView Status, IReadOnlyList<FillView> Fills);
