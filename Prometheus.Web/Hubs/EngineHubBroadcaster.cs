using Microsoft.AspNetCore.SignalR;
using Prometheus.Web.Api;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Hubs;

/// <summary>
/// Forwards each batch of <see cref="EngineEvents"/> to every hub client as news comes (not at the pages' pace), one
/// message per kind of news.
/// SignalR buffers per connection and drops a connection that cannot keep up, so a slow client never holds up the pump.
/// </summary>
public sealed class EngineHubBroadcaster(EngineEvents events, IHubContext<EngineHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.SubscribeAsNewsComes(SendAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    internal async Task SendAsync(DashboardUpdate update)
    {
        var all = hub.Clients.All;
        if (update.StatusChanged) await all.SendAsync("status", EngineViews.Status(update.Status));
        if (update.Fills.Count > 0 || update.FillsNotShown > 0) await all.SendAsync("fills", new HubFills([.. update.Fills.Select(FillView.From)], update.FillsNotShown));
        if (update.Births.Count > 0) await all.SendAsync("births", update.Births);
        if (update.Deaths.Count > 0) await all.SendAsync("deaths", update.Deaths);
        foreach (var change in update.States) await all.SendAsync("state", change);
        if (update.Regime is { } regime) await all.SendAsync("regime", regime);
        if (update.Findings.Count > 0) await all.SendAsync("findings", update.Findings);
    }
}

/// <summary>A batch of fills; <see cref="NotShown"/> more were booked in the same period but not sent (throttled).</summary>
public sealed record HubFills(IReadOnlyList<FillView> Items, int NotShown);
