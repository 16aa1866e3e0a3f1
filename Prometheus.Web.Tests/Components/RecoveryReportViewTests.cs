using Bunit;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery;
using Prometheus.Web.Components.Shared;

namespace Prometheus.Web.Tests.Components;

public sealed class RecoveryReportViewTests : DashboardContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private static RecoveryReport Report(bool fresh = false, IReadOnlyList<ReconciliationItem>? items = null, int mismatched = 0,
        IReadOnlyList<SkippedSnapshot>? skipped = null) => new(
        At, 412, fresh, fresh ? null : At.AddSeconds(-3), fresh ? null : 3.2,
        new RecoveryCounts(1234, 2, 2, 1, 1, 5000, 1.5),
        [
            new RecoveredAgent(1, "Hyperion-1", true, 5_100m, 100m, [new RecoveredPosition("BTC-USDT-SWAP", PositionSide.Long, 3m, 64_000m)], null),
            new RecoveredAgent(2, "Rhea-2", false, 0m, -4_000m, [], "Bankrupt"),
        ],
        new RecoverySnapshotUse(fresh ? null : "snapshot-000000000003.json.gz", skipped ?? [], 42),
        new RecoveryReconciliation(items is null || items.All(i => i.Resolved) && mismatched == 0, At,
            new LedgerVerdict(mismatched == 0, 1234, 1234 - mismatched, 1234, mismatched, 0, 0), items ?? []),
        fresh ? "fresh start: trading starts" : "awaiting confirmation: a person must confirm before trading resumes", !fresh);

    private IRenderedComponent<RecoveryReportView> RenderReport(RecoveryReport report, bool decisions = true) =>
        Render<RecoveryReportView>(p => p
            .Add(c => c.Report, report)
            .Add(c => c.DecisionsAvailable, decisions)
            .Add(c => c.ChoicesFor, Desk.ChoicesFor));

    [Fact]
    public void A_clean_restart_shows_the_system_state_the_counts_the_agents_and_no_finding()
    {
        var view = RenderReport(Report());

        var state = view.Find("[data-testid=system-state]").TextContent;
        Assert.Contains("Restart: restored from saved state", state);
        Assert.Contains("snapshot-000000000003.json.gz + 42 change(s) replayed", state);
        Assert.Contains("1,234 records", view.Find("[data-testid=restored]").TextContent);
        Assert.Contains("consistent (1,234 = 1,234 records)", view.Find("[data-testid=ledger-check]").TextContent);
        Assert.Contains("No finding", view.Find("[data-testid=findings]").TextContent);
        var agents = view.Find("[data-testid=recovered-agents]").TextContent;
        Assert.Contains("BTC-USDT-SWAP long 3 @ 64,000.0", agents);
        Assert.Contains("dead (Bankrupt)", agents);
    }

    [Fact]
    public void A_fresh_start_says_so()
    {
        var view = RenderReport(Report(fresh: true));

        Assert.Contains("Fresh start", view.Find("[data-testid=system-state]").TextContent);
        Assert.Contains("none", view.Find("[data-testid=system-state]").TextContent);
    }

    [Fact]
    public void A_skipped_snapshot_is_named_with_its_reason()
    {
        var view = RenderReport(Report(skipped: [new SkippedSnapshot("snapshot-000000000004.json.gz", "checksum mismatch")]));

        Assert.Equal("snapshot-000000000004.json.gz: checksum mismatch", view.Find("[data-testid=snapshot-skipped]").TextContent);
    }

    [Fact]
    public void Public_and_private_ledgers_that_disagree_are_shown_as_a_discrepancy()
    {
        var view = RenderReport(Report(mismatched: 2));

        var check = view.Find("[data-testid=ledger-check] dd.down");
        Assert.Equal("2 record(s) differ", check.TextContent);
    }

    [Fact]
    public void A_corrected_finding_shows_what_was_found_and_the_correction_without_a_decision()
    {
        var item = new ReconciliationItem("r1", "MissingFill", "A", 1, "BTC-USDT-SWAP", PositionSide.Long,
            "exchange fill t-9 (1 ct @ 64,010) had no booked trade", "booked as trade 1235 for agent #1", Resolved: true);

        var view = RenderReport(Report(items: [item]));

        var row = view.Find("tr[data-item=r1]");
        Assert.Contains("MissingFill", row.TextContent);
        Assert.Contains("booked as trade 1235 for agent #1", row.TextContent);
        Assert.Contains("corrected", row.TextContent);
        Assert.Empty(row.QuerySelectorAll("button"));
    }

    [Fact]
    public void A_blocked_direction_mismatch_offers_each_decision_as_a_confirmed_form_post()
    {
        var item = new ReconciliationItem("r2", "DirectionMismatch", "D", 1, "BTC-USDT-SWAP", PositionSide.Long,
            "ledger long 3 ct, exchange short 3 ct", null, Resolved: false);
        var view = RenderReport(Report(items: [item]));

        Assert.Contains("needs a decision", view.Find("tr[data-item=r2]").TextContent);
        Assert.Equal(3, view.FindAll("tr[data-item=r2] .decisions button").Count);

        var dialogs = Dialogs();
        view.Find("[data-testid=decide-r2-flatten-both]").Click();
        var form = dialogs.Find("[data-testid=decide-r2-flatten-both-dialog] form");
        Assert.Equal("/controls/recovery/decide", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("r2", form.QuerySelector("input[name=itemId]")!.GetAttribute("value"));
        Assert.Equal("flatten-both", form.QuerySelector("input[name=choice]")!.GetAttribute("value"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
    }

    [Fact]
    public void Without_reconciliation_in_the_build_the_decisions_are_shown_disabled_with_the_reason()
    {
        var item = new ReconciliationItem("r3", "DirectionMismatch", "D", 1, "BTC-USDT-SWAP", PositionSide.Short, "mismatch", null, false);

        var view = RenderReport(Report(items: [item]), decisions: false);

        Assert.Contains("reconciliation is not available in this build", view.Markup);
        Assert.All(view.FindAll("tr[data-item=r3] .decisions button"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
