using Bunit;
using Microsoft.AspNetCore.Components;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Components.Layout;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Engine.Commands;

namespace Prometheus.Web.Tests.Components;

/// <summary>A read-only dashboard (serve --read-only) says what it watches on every page, and its controls are off.</summary>
public sealed class ReadOnlyDashboardTests : DashboardContext
{
    private readonly StoreLocation _store = new(TempFolder.Create());

    [Fact]
    public void Every_page_shows_the_read_only_strip_with_the_store_watched_and_the_mode()
    {
        Runtime.AttachReadOnly(_store);

        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        var strip = layout.Find("[data-testid=read-only-strip]");
        Assert.Contains($"Read-only: watching {_store.SqlitePath}", strip.TextContent);
        Assert.Equal("READ-ONLY", layout.Find("[data-testid=mode]").TextContent.Trim());
    }

    [Fact]
    public void An_engine_host_shows_no_read_only_strip()
    {
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Empty(layout.FindAll("[data-testid=read-only-strip]"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Controls_are_disabled_with_the_reason(bool confirm)
    {
        Runtime.AttachReadOnly(_store);

        var control = Render<ConfirmAction>(p => p
            .Add(c => c.Action, "/controls/trading/pause").Add(c => c.Label, "Pause").Add(c => c.Confirm, confirm).Add(c => c.TestId, "pause"));

        var button = control.Find("button");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal(EngineCommandPort.ReadOnlyRefusal, button.GetAttribute("title"));
    }

    [Fact]
    public async Task Every_command_is_refused_with_the_reason_and_nothing_is_written()
    {
        Runtime.AttachReadOnly(_store);
        var port = new EngineCommandPort(Runtime);

        foreach (EngineCommand command in (EngineCommand[])[new PauseTrading("admin"), new ResumeTrading("admin"), new CloseAll("admin"),
                     new ConfirmRecovery("admin"), new ResetRisk("admin", "tested"), new DismissOrphan("admin", "o-1")])
        {
            var result = await port.SendAsync(command);
            Assert.Equal((CommandOutcome.Refused, "read-only dashboard: commands go to the engine's own host"), (result.Outcome, result.Message));
        }
        Assert.False(File.Exists(_store.SqlitePath));
    }
}
