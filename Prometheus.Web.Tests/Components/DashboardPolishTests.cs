using Bunit;
using Microsoft.AspNetCore.Components;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Layout;
using Prometheus.Web.Components.Pages;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Tests.Components;

/// <summary>Words, numbers and the orphans' signals: one reading on every page.</summary>
public sealed class DashboardPolishTests : DashboardContext
{
    private static OrphanView Orphan(string id, string status) =>
        new(id, "BTC-USDT-SWAP", "short", "sell", 3m, 64_000m, "9001", null, DateTimeOffset.UnixEpoch, "traded by hand", status);

    [Fact]
    public void Usdt_has_thousands_separators_and_two_decimals_and_a_change_in_percent_has_its_sign()
    {
        Assert.Equal("1,234,567.80", Fmt.Usd(1_234_567.8m));
        Assert.Equal("\u22121,234.50", Fmt.Usd(-1_234.5m));
        Assert.Equal("12,345.67 USDT", Fmt.Usdt(12_345.671m));
        Assert.Equal("+3.21%", Fmt.SignedPct(0.0321m));
        Assert.Equal("\u22120.50%", Fmt.SignedPct(-0.005m));
        Assert.Equal("0.00%", Fmt.SignedPct(0m));
    }

    [Theory]
    [InlineData(TradeSide.Buy, "buy", "open long")]
    [InlineData(TradeSide.Add, "buy", "add long")]
    [InlineData(TradeSide.Sell, "sell", "close long")]
    [InlineData(TradeSide.Short, "sell", "open short")]
    [InlineData(TradeSide.AddShort, "sell", "add short")]
    [InlineData(TradeSide.Cover, "buy", "close short")]
    public void A_fill_reads_as_the_exchange_side_and_what_it_did_to_long_or_short(TradeSide side, string direction, string effect)
    {
        Assert.Equal((direction, effect), Fmt.Side(side));
    }

    [Fact]
    public void The_fills_table_says_buy_or_sell_and_long_or_short_and_that_its_times_are_market_time()
    {
        var fill = new TradeRecord(7, 3, "BTC-USDT-SWAP", TradeSide.Cover, PositionSide.Short, 2m, 64_000m, 0.5m, "o1", "c1", "x1", 1_700_000_000_000, 0.5, 12.5m, TradeOrigin.Decision);

        var table = Render<FillsTable>(p => p.Add(c => c.Fills, [fill]));

        var side = table.Find("td[data-side=cover]").TextContent;
        Assert.Contains("buy", side);
        Assert.Contains("close short", side);
        Assert.Equal("market", table.Find("th [data-clock]").GetAttribute("data-clock"));
    }

    [Fact]
    public void An_open_orphan_shows_a_count_in_the_navigation_and_a_banner_and_neither_once_it_is_decided()
    {
        Desk.Orphans.Add(Orphan("orph-1", "Open"));
        Desk.Orphans.Add(Orphan("orph-2", "Dismissed"));

        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Equal("1", layout.Find("[data-testid=orphan-count]").TextContent);
        Assert.Contains("1 ORPHAN OPEN", layout.Find("[data-testid=orphan-banner]").TextContent);
        Assert.NotNull(layout.Find("[data-testid=orphan-banner] a[href='/orphans']"));

        Desk.Orphans[0] = Orphan("orph-1", "Adopted");
        Deliver(new DashboardUpdate(Status(EngineState.Running), true, [], 0, [], [], [], null, [], null, null) with { Findings = [FindingFor("orph-1")] });

        Assert.Empty(layout.FindAll("[data-testid=orphan-count]"));
        Assert.Empty(layout.FindAll("[data-testid=orphan-banner]"));
    }

    [Theory]
    [InlineData("Adopted", "adopted by an agent")]
    [InlineData("Closed", "closed on the exchange")]
    [InlineData("Dismissed", "dismissed: left on the exchange")]
    public void A_decided_orphan_shows_its_outcome_and_no_buttons(string status, string outcome)
    {
        Desk.Orphans.Add(Orphan("orph-9", status));

        var row = Render<Orphans>().Find("tr[data-orphan=orph-9]");

        Assert.Equal(outcome, row.QuerySelector("[data-testid=orphan-outcome]")!.TextContent);
        Assert.Empty(row.QuerySelectorAll("button"));
        Assert.Contains("sell · short", row.TextContent);
    }

    private static Prometheus.Engine.Recovery.ReconciliationItem FindingFor(string orphanId) =>
        new(orphanId, "Orphan", "E", null, "BTC-USDT-SWAP", null, "decided by a person", null, Resolved: true);

    [Fact]
    public void The_agents_ranking_calls_an_agent_s_cash_free_cash()
    {
        var page = Render<Agents>();

        Assert.Contains("Free cash", page.Find("[data-testid=sort-Capital]").TextContent);
    }
}
