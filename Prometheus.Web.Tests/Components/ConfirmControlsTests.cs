using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Shared;

namespace Prometheus.Web.Tests.Components;

/// <summary>The controls render as real forms (POST, antiforgery token, return address); ControlEndpointTests posts them to the engine.</summary>
public sealed class ConfirmControlsTests : DashboardContext
{
    [Fact]
    public void Awaiting_confirmation_the_confirm_button_posts_to_the_confirm_control_with_an_antiforgery_token()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/recovery");

        var panel = Render<RecoveryDecisionPanel>(p => p.Add(c => c.Decision, "awaiting confirmation").Add(c => c.State, EngineState.AwaitingConfirmation));

        var form = panel.Find("form[data-testid=confirm]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/controls/recovery/confirm", form.GetAttribute("action"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal("/recovery", form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
        Assert.False(form.QuerySelector("button[type=submit]")!.HasAttribute("disabled"));
        Assert.Contains("waiting for you", panel.Find("[data-testid=recovery-state]").TextContent);
    }

    [Theory]
    [InlineData(EngineState.Running)]
    [InlineData(EngineState.Paused)]
    [InlineData(EngineState.Blocked)]
    public void Outside_awaiting_confirmation_the_confirm_button_is_disabled(EngineState state)
    {
        var panel = Render<RecoveryDecisionPanel>(p => p.Add(c => c.Decision, "x").Add(c => c.State, state));

        Assert.True(panel.Find("form[data-testid=confirm] button[type=submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_confirmed_control_opens_its_dialog_first_and_cancel_closes_it_without_posting()
    {
        var control = Render<ConfirmAction>(p => p
            .Add(c => c.Action, "/controls/trading/close-all").Add(c => c.Label, "Emergency close-all").Add(c => c.Confirm, true)
            .Add(c => c.TestId, "close-all").Add(c => c.Title, "Close every position now?"));

        var dialogs = Dialogs();

        Assert.Empty(control.FindAll("form"));
        Assert.Empty(dialogs.FindAll("form"));
        control.Find("[data-testid=close-all]").Click();
        var dialog = dialogs.Find("[data-testid=close-all-dialog]");
        Assert.Equal("Close every position now?", dialogs.Find("h2#close-all-title").TextContent);
        Assert.Equal("/controls/trading/close-all", dialog.QuerySelector("form")!.GetAttribute("action"));

        dialogs.Find("[data-testid=close-all-cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=close-all-dialog]")));
    }

    [Fact]
    public void The_return_address_drops_a_previous_outcome()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/trades?agent=3&outcome=abc");

        var control = Render<ConfirmAction>(p => p.Add(c => c.Action, "/controls/trading/pause").Add(c => c.Label, "Pause"));

        Assert.Equal("/trades?agent=3", control.Find("input[name=returnUrl]").GetAttribute("value"));
    }
}
