using Bunit;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Pages;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Tests.Components;

public sealed class OrphansPageTests : DashboardContext
{
    private static readonly OrphanView Orphan = new("orph-1", "BTC-USDT-SWAP", "long", "buy", 2m, 64_000m, "9001", "manual42",
        DateTimeOffset.UnixEpoch, "placed by hand", "open");

    [Fact]
    public void Without_reconciliation_the_page_says_so_instead_of_an_all_clear()
    {
        Desk.Available = false;

        var page = Render<Orphans>();

        Assert.Contains("reconciliation is not available in this build", page.Find("[data-testid=orphans-unavailable]").TextContent);
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public void Each_orphan_shows_its_exchange_details()
    {
        Desk.Orphans.Add(Orphan);

        var row = Render<Orphans>().Find("tr[data-orphan=orph-1]");

        Assert.Contains("BTC-USDT-SWAP", row.TextContent);
        Assert.Contains("ordId 9001", row.TextContent);
        Assert.Contains("clOrdId manual42", row.TextContent);
        Assert.Contains("64,000.0", row.TextContent);
        Assert.Contains("placed by hand", row.TextContent);
    }

    [Fact]
    public void Adopt_asks_for_an_agent_in_its_confirm_dialog_and_posts_the_orphan_and_the_agent()
    {
        Desk.Orphans.Add(Orphan);
        var page = Render<Orphans>();
        Deliver(Update(Status(EngineState.Running), Snapshot(Agent(3, 1, 5_000m, 0m, 0m, 0, 0), Agent(4, 2, 5_000m, 0m, 0m, 0, 0))));

        var dialogs = Dialogs();
        page.Find("[data-testid=adopt-orph-1]").Click();

        var form = dialogs.Find("[data-testid=adopt-orph-1-dialog] form");
        Assert.Equal("/controls/orphans/adopt", form.GetAttribute("action"));
        Assert.Equal("orph-1", form.QuerySelector("input[name=orphanId]")!.GetAttribute("value"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        var options = form.QuerySelectorAll("select[name=agentId] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "3", "4"], options);
        Assert.True(form.QuerySelector("select[name=agentId]")!.HasAttribute("required"));
    }

    [Theory]
    [InlineData("close", "/controls/orphans/close")]
    [InlineData("dismiss", "/controls/orphans/dismiss")]
    public void Close_and_dismiss_are_each_behind_a_confirm(string action, string route)
    {
        Desk.Orphans.Add(Orphan);
        var dialogs = Dialogs();
        var page = Render<Orphans>();
        Assert.Empty(page.FindAll($"form[action='{route}']"));
        Assert.Empty(dialogs.FindAll($"form[action='{route}']"));

        page.Find($"[data-testid={action}-orph-1]").Click();

        var form = dialogs.Find($"[data-testid={action}-orph-1-dialog] form");
        Assert.Equal(route, form.GetAttribute("action"));
        Assert.Equal("orph-1", form.QuerySelector("input[name=orphanId]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_controls_pass_the_person_s_choice_to_the_desk()
    {
        var controls = new DashboardControls(new Prometheus.Web.Engine.Commands.EngineCommandPort(Runtime), Desk, Desk);

        var adopted = await controls.AdoptAsync("admin@test", "orph-1", 3);
        await controls.CloseOrphanAsync("admin@test", "orph-2");
        await controls.DismissOrphanAsync("admin@test", "orph-3");
        await controls.DecideAsync("admin@test", "r2", "align-ledger");

        Assert.True(adopted.Ok);
        Assert.Equal(["adopt orph-1 by 3", "close orph-2", "dismiss orph-3", "decide r2 align-ledger"], Desk.Calls);
    }

    [Fact]
    public async Task Without_reconciliation_every_action_is_refused_with_the_reason()
    {
        var controls = new DashboardControls(new Prometheus.Web.Engine.Commands.EngineCommandPort(Runtime), new UnavailableReconciliation(), new UnavailableReconciliation());

        var result = await controls.AdoptAsync("admin@test", "orph-1", 3);

        Assert.False(result.Ok);
        Assert.Equal("Reconciliation is not available in this build.", result.Message);
    }
}
