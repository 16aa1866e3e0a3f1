using System.Net;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Observability;

/// <summary>An OKX socket down longer than DisconnectedSeconds raises GatewayDisconnected once, and again when it is back; a short drop raises nothing.</summary>
public sealed class GatewayWatchTests
{
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached in 10 s");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_socket_down_past_the_limit_alerts_once_and_again_when_it_is_back()
    {
        var kit = new AlertKit(AlertKit.Webhook(), _ => AlertKit.Status(HttpStatusCode.OK));
        using var watch = new GatewayWatch(kit.Queue, TimeSpan.FromMilliseconds(100), TimeProvider.System);

        watch.Down("private");
        watch.Down("private"); // still the same outage
        await UntilAsync(() => kit.History.Recent().Length == 1);
        await Task.Delay(300);
        watch.Up("private");

        var alerts = kit.History.Recent().Reverse().ToList();
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(AlertKind.GatewayDisconnected, a.Kind));
        Assert.Equal("OKX private WebSocket disconnected for more than 0.1 s; it keeps reconnecting.", alerts[0].Message);
        Assert.StartsWith("OKX private WebSocket reconnected after", alerts[1].Message);
    }

    [Fact]
    public async Task A_drop_shorter_than_the_limit_alerts_nothing()
    {
        var kit = new AlertKit(AlertKit.Webhook(), _ => AlertKit.Status(HttpStatusCode.OK));
        using var watch = new GatewayWatch(kit.Queue, TimeSpan.FromMilliseconds(300), TimeProvider.System);

        watch.Down("business");
        watch.Up("business");
        await Task.Delay(600);

        Assert.Empty(kit.History.Recent());
    }
}
