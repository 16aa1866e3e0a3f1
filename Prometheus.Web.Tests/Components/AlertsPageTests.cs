using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Pages;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Components;

/// <summary>The Alerts page: says when alerts are off, lists the last alerts with their outcome per destination, and keeps up.</summary>
public sealed class AlertsPageTests : DashboardContext
{
    [Fact]
    public void Without_a_destination_the_page_says_alerts_are_off()
    {
        var page = Render<Alerts>();

        Assert.Contains("Alerts are off", page.Find("[data-testid=alerts-off]").TextContent);
        Assert.Contains("No alert yet", page.Find("[data-testid=alerts]").TextContent);
    }

    [Fact]
    public void Each_alert_shows_its_kind_message_and_outcome_at_each_destination_and_new_ones_appear_live()
    {
        AlertSettings.Webhook.Url = "http://127.0.0.1:9/hook";
        AlertSettings.Telegram.BotToken = "1:token-x";
        AlertSettings.Telegram.ChatId = "42";
        var queue = Services.GetRequiredService<AlertQueue>();
        queue.Raise(AlertKind.BreakerTripped, "Circuit breaker tripped: drawdown 31% reached the 30% circuit breaker.");
        AlertHistory.Settled(1, AlertOutcome.Failed,
            [new AlertDelivery("webhook", AlertOutcome.Delivered, 1, null), new AlertDelivery("telegram", AlertOutcome.Failed, 4, "HTTP 502")]);

        var page = Render<Alerts>();

        var row = page.Find("tr[data-alert='1']");
        Assert.Contains("BreakerTripped", row.TextContent);
        Assert.Contains("drawdown 31%", row.TextContent);
        Assert.Equal("Failed", row.QuerySelector("[data-testid=alert-outcome]")!.TextContent);
        Assert.Contains("webhook: Delivered", row.TextContent);
        Assert.Contains("telegram: Failed after 4 tries (HTTP 502)", row.TextContent);
        Assert.Contains("To webhook and telegram", page.Find("[data-testid=alerts-setup]").TextContent);

        queue.Raise(AlertKind.Orphan, "Orphan (open): a position no agent owns");
        Deliver(Update(Status(EngineState.Running)));

        page.WaitForAssertion(() => Assert.Contains("a position no agent owns", page.Find("tr[data-alert='2']").TextContent));
        Assert.Equal("Pending", page.Find("tr[data-alert='2'] [data-testid=alert-outcome]").TextContent);
    }
}
