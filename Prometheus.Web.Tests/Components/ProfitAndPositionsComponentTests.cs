using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Api;
using Prometheus.Web.Components.Shared;

namespace Prometheus.Web.Tests.Components;

/// <summary>The Overview's profit panel and the Positions table, from the API's own views.</summary>
public sealed class ProfitAndPositionsComponentTests : DashboardContext
{
    private static readonly DateTimeOffset Since = new(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static SummaryView Summary(decimal? profitFactor = 1.8m, decimal? winRate = 0.55m, decimal? buyHold = -0.031m,
        decimal? basket = 0.0125m, string[]? coins = null) => new(
        TotalPnl: 1_234.5m, TotalReturn: 0.012345m, RealizedPnl: 1_000m, UnrealizedPnl: 234.5m, FeesPaid: 321.09m, FundingPaid: -12.5m,
        ProfitFactor: profitFactor, WinRate: winRate, MaxDrawdown: 0.0421m, BuyHoldReturn: buyHold, Since: Since,
        Today: new PeriodPnl(-20m, -0.0002m), Week: new PeriodPnl(300m, 0.003m), Month: new PeriodPnl(1_234.5m, 0.012345m),
        BasketHoldReturn: basket, BasketCoins: coins ?? ["BTC", "ETH", "SOL"]);

    private static PositionEndpoints.OpenPositionView Position(int agentId, string posSide) => new(
        agentId, $"Agent-{agentId}", "BTC-USDT-SWAP", posSide, 2m, 30_000m, 30_150m, 600m, posSide == "long" ? 3m : -3m,
        Since, 5_400, new PositionEndpoints.ExitPlanView(29_100m, 31_500m, Since.AddHours(48)));

    [Fact]
    public void The_profit_panel_shows_every_summary_figure_as_the_pages_format_them()
    {
        var panel = Render<ProfitSummary>(p => p.Add(c => c.Summary, Summary()));

        Assert.Equal("+1.23%", panel.Find("[data-testid=total-return]").TextContent);
        Assert.Equal("\u22123.10%", panel.Find("[data-testid=buy-hold]").TextContent);
        Assert.Equal("+1.25%", panel.Find("[data-testid=basket-hold]").TextContent);
        var held = panel.Find("[data-testid=held-whole]").TextContent;
        Assert.Contains("not exposure-matched", held);
        Assert.Contains("BTC+ETH+SOL", held);
        Assert.Equal("+1,000.00", panel.Find("[data-testid=realized-pnl]").TextContent);
        Assert.Equal("+234.50", panel.Find("[data-testid=unrealized-pnl]").TextContent);
        Assert.Equal("1.80", panel.Find("[data-testid=profit-factor]").TextContent);
        Assert.Equal("55.0%", panel.Find("[data-testid=win-rate]").TextContent);
        Assert.Equal("321.09", panel.Find("[data-testid=fees-paid]").TextContent);
        Assert.Equal("\u221212.50", panel.Find("[data-testid=funding-paid]").TextContent);
        Assert.Equal("4.21%", panel.Find("[data-testid=max-drawdown]").TextContent);
        Assert.Equal("+300.00", panel.Find("[data-testid=week-pnl]").TextContent);
        Assert.Equal("+1,234.50", panel.Find("[data-testid=month-pnl]").TextContent);
        Assert.Contains("since 2023-03-01 00:00", panel.Markup);
        Assert.Equal("market", panel.Find("[data-clock]").GetAttribute("data-clock"));
    }

    [Fact]
    public void Without_a_closed_trade_or_a_price_the_ratios_show_a_dash_not_zero()
    {
        var panel = Render<ProfitSummary>(p => p.Add(c => c.Summary, Summary(profitFactor: null, winRate: null, buyHold: null)));

        Assert.Equal("—", panel.Find("[data-testid=profit-factor]").TextContent);
        Assert.Equal("—", panel.Find("[data-testid=win-rate]").TextContent);
        Assert.Equal("—", panel.Find("[data-testid=buy-hold]").TextContent);
    }

    [Fact]
    public void One_coin_traded_shows_that_coin_held_whole_and_no_basket()
    {
        var panel = Render<ProfitSummary>(p => p.Add(c => c.Summary, Summary(basket: 0.02m, coins: ["ETH"])));

        Assert.StartsWith("held whole, not exposure-matched: ETH", panel.Find("[data-testid=held-whole]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=basket-hold]"));
    }

    [Fact]
    public void While_the_engine_starts_the_profit_panel_says_so()
    {
        var panel = Render<ProfitSummary>(p => p.Add(c => c.Summary, null));

        Assert.NotNull(panel.Find("[data-testid=profit-summary-pending]"));
    }

    [Fact]
    public void Each_position_shows_side_size_entry_mark_pnl_age_and_its_exit_plan()
    {
        var table = Render<PositionsTable>(p => p.Add(c => c.Positions, [Position(3, "long"), Position(4, "short")]));

        var rows = table.FindAll("tr[data-position]");
        Assert.Equal(2, rows.Count);
        var cells = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["#3 Agent-3", "BTC-USDT-SWAP", "long", "2", "30,000.0", "30,150.0", "+3.00", "1.5 h"], cells[..8]);
        Assert.Equal("29,100.0", rows[0].QuerySelector("[data-testid=stop-loss]")!.TextContent);
        Assert.Equal("31,500.0", rows[0].QuerySelector("[data-testid=take-profit]")!.TextContent);
        Assert.Equal("2023-03-03 00:00", rows[0].QuerySelector("[data-testid=max-hold-until]")!.TextContent);
        Assert.Equal("\u22123.00", rows[1].QuerySelector("[data-testid=position-pnl]")!.TextContent);
        Assert.Equal("4-BTC-USDT-SWAP-short", rows[1].GetAttribute("data-position"));
    }

    [Fact]
    public void Close_asks_why_in_a_dialog_whose_form_posts_the_position_to_the_close_control()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/positions");
        var table = Render<PositionsTable>(p => p.Add(c => c.Positions, [Position(3, "long")]));
        var dialogs = Dialogs();

        Assert.Empty(dialogs.FindAll("form"));
        table.Find("[data-testid='close-3-BTC-USDT-SWAP-long']").Click();

        var form = dialogs.Find("[data-testid='close-3-BTC-USDT-SWAP-long-dialog'] form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/controls/positions/close", form.GetAttribute("action"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal("/positions", form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
        Assert.Equal("3", form.QuerySelector("input[name=agentId]")!.GetAttribute("value"));
        Assert.Equal("BTC-USDT-SWAP", form.QuerySelector("input[name=instId]")!.GetAttribute("value"));
        Assert.Equal("long", form.QuerySelector("input[name=posSide]")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("input[name=reason]")!.HasAttribute("required"));
    }

    [Fact]
    public void While_the_engine_refuses_closes_the_close_buttons_are_disabled()
    {
        var table = Render<PositionsTable>(p => p.Add(c => c.Positions, [Position(3, "long")]).Add(c => c.CanClose, false));

        Assert.True(table.Find("[data-testid='close-3-BTC-USDT-SWAP-long']").HasAttribute("disabled"));
    }
}
