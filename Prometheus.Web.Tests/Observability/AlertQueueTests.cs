using System.Net;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Observability;

/// <summary>The queue in front of the dispatcher: bounded, drops the oldest with a count, makes nothing for a kind switched off, keeps no secret.</summary>
public sealed class AlertQueueTests
{
    [Fact]
    public void A_full_queue_drops_the_oldest_waiting_alert_and_counts_it()
    {
        var options = AlertKit.Webhook();
        options.QueueCapacity = 2;
        var kit = new AlertKit(options, _ => AlertKit.Status(HttpStatusCode.OK));

        for (var i = 1; i <= 5; i++) kit.Queue.Raise(AlertKind.RiskState, $"change {i}");

        Assert.Equal(3, kit.Queue.Dropped);
        var waiting = new List<long>();
        while (kit.Queue.Reader.TryRead(out var alert)) waiting.Add(alert.Id);
        Assert.Equal([4L, 5L], waiting);
        var history = kit.History.Recent().ToDictionary(r => r.Id);
        Assert.All([1L, 2L, 3L], id => Assert.Equal(AlertOutcome.Dropped, history[id].Outcome));
        Assert.All([4L, 5L], id => Assert.Equal(AlertOutcome.Pending, history[id].Outcome));
        Assert.Equal(AlertOutcome.Dropped, history[1].Deliveries.Single().Outcome);
    }

    [Fact]
    public void A_kind_switched_off_makes_no_alert_and_fills_are_off_by_default()
    {
        var kit = new AlertKit(AlertKit.Webhook(), _ => AlertKit.Status(HttpStatusCode.OK));

        kit.Queue.Raise(AlertKind.Fill, "Agent 1 buy 0.01 BTC-USDT");
        kit.Queue.Raise(AlertKind.GatewayDisconnected, "OKX private WebSocket disconnected for more than 30 s");

        var only = Assert.Single(kit.History.Recent());
        Assert.Equal(AlertKind.GatewayDisconnected, only.Kind);
        Assert.DoesNotContain(AlertKind.Fill, kit.Queue.Kinds);
        Assert.Equal(Enum.GetValues<AlertKind>().Length - 1, kit.Queue.Kinds.Count);
    }

    [Fact]
    public void Kinds_switch_on_exactly_those_named()
    {
        var options = AlertKit.Webhook();
        options.Kinds = ["fill, BreakerTripped"];
        var kit = new AlertKit(options, _ => AlertKit.Status(HttpStatusCode.OK));

        Assert.Equal(new HashSet<AlertKind> { AlertKind.Fill, AlertKind.BreakerTripped }, kit.Queue.Kinds);
        kit.Queue.Raise(AlertKind.RiskState, "Risk state Reducing.");
        Assert.Empty(kit.History.Recent());
    }

    [Fact]
    public void With_no_destination_alerts_are_off()
    {
        var kit = new AlertKit(new AlertOptions(), _ => AlertKit.Status(HttpStatusCode.OK));

        kit.Queue.Raise(AlertKind.BreakerTripped, "Circuit breaker tripped.");

        Assert.Empty(kit.Queue.Kinds);
        Assert.Empty(kit.Queue.Destinations);
        Assert.Empty(kit.History.Recent());
    }

    [Fact]
    public void A_message_is_scrubbed_of_every_secret_before_it_is_kept()
    {
        var options = AlertKit.Webhook("https://user:hook-password@hooks.example/incoming/hook-path-secret");
        options.Telegram = AlertKit.Telegram().Telegram;
        var kit = new AlertKit(options, _ => AlertKit.Status(HttpStatusCode.OK));

        kit.Queue.Raise(AlertKind.RiskState, $"echo {AlertKit.BotToken} and hook-password and /incoming/hook-path-secret");

        Assert.Equal("echo *** and *** and ***", kit.History.Recent().Single().Message);
    }
}
