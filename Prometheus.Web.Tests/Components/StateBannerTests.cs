using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Layout;

namespace Prometheus.Web.Tests.Components;

public sealed class StateBannerTests : DashboardContext
{
    [Theory]
    [InlineData(EngineState.Running, "Active", "Running", "RUNNING", "ok")]
    [InlineData(EngineState.Running, "Halted", "Running", "RUNNING — RISK HALT", "danger")]
    [InlineData(EngineState.Running, "Reducing", "Running", "RUNNING — REDUCING ONLY", "warning")]
    [InlineData(EngineState.Paused, "Active", "Paused", "PAUSED", "warning")]
    [InlineData(EngineState.AwaitingConfirmation, "Active", "AwaitingConfirmation", "AWAITING CONFIRMATION", "attention")]
    [InlineData(EngineState.Blocked, "Active", "Blocked", "BLOCKED", "danger")]
    [InlineData(EngineState.Starting, "Active", "Starting", "STARTING", "muted")]
    public void Every_state_has_its_own_word_and_colour(EngineState state, string trading, string expected, string headline, string tone)
    {
        var banner = EngineBanner.For(Status(state, trading), failure: null);

        Assert.Equal((expected, headline, tone), (banner.State, banner.Headline, banner.Tone));
    }

    [Fact]
    public void A_failed_engine_is_shown_stopped_whatever_its_last_status()
    {
        var banner = EngineBanner.For(Status(EngineState.Running), new InvalidOperationException("disk full"));

        Assert.Equal("ENGINE STOPPED", banner.Headline);
        Assert.Contains("disk full", banner.Detail);
    }

    [Fact]
    public void The_layout_follows_the_engine_state_live_and_explains_anything_but_running()
    {
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Deliver(Update(Status(EngineState.Running)));
        Assert.Equal("Running", layout.Find("[data-testid=state]").GetAttribute("data-state"));
        Assert.Empty(layout.FindAll("[data-testid=state-strip]"));

        Deliver(Update(Status(EngineState.Paused, reason: "paused by a person")));
        Assert.Equal("Paused", layout.Find("[data-testid=state]").GetAttribute("data-state"));
        Assert.Contains("fills still arrive and are booked", layout.Find("[data-testid=state-strip]").TextContent);

        Deliver(Update(Status(EngineState.AwaitingConfirmation)));
        Assert.Equal("AWAITING CONFIRMATION", layout.Find("[data-testid=state]").TextContent);
        Assert.NotNull(layout.Find("[data-testid=state-strip] a[href='/recovery']"));
    }

    [Theory]
    [InlineData("paper", "PAPER", "paper")]
    [InlineData("live", "LIVE · REAL MONEY", "live")]
    [InlineData("demo", "OKX DEMO", "demo")]
    public void Paper_and_live_cannot_be_mistaken(string mode, string text, string tone)
    {
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Deliver(Update(Status(EngineState.Running) with { Mode = mode }));

        var badge = layout.Find("[data-testid=mode]");
        Assert.Equal(text, badge.TextContent);
        Assert.Contains(tone, badge.ClassList);
    }
}
