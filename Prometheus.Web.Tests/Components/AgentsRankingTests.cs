using Bunit;
using Prometheus.Web.Components.Pages;

namespace Prometheus.Web.Tests.Components;

public sealed class AgentsRankingTests : DashboardContext
{
    private static readonly Prometheus.Web.Api.AgentSummary[] Population =
    [
        Agent(1, rank: 1, capital: 5_000m, pnl: 900m, winRate: 0.40m, trades: 30, fitness: 0.2),
        Agent(2, rank: 2, capital: 9_000m, pnl: 100m, winRate: 0.90m, trades: 5, fitness: 1.5),
        Agent(3, rank: 3, capital: 1_000m, pnl: -50m, winRate: 0.60m, trades: 80, fitness: -0.3),
    ];

    private static int[] Order(IRenderedComponent<Agents> page) =>
        [.. page.FindAll("table[data-testid=ranking] tbody tr[data-agent]").Select(r => int.Parse(r.GetAttribute("data-agent")!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void The_ranking_shows_the_live_snapshot_in_rank_order()
    {
        var page = Render<Agents>();
        Assert.Contains("No living agent", page.Markup);

        Deliver(Update(Status(Prometheus.Engine.Supervision.EngineState.Running), Snapshot(Population[2], Population[0], Population[1])));

        Assert.Equal([1, 2, 3], Order(page));
        Assert.Contains("+900.00", page.Markup);
        Assert.Contains("−50.00", page.Markup);
    }

    [Theory]
    [InlineData("Pnl", new[] { 1, 2, 3 })]
    [InlineData("Capital", new[] { 2, 1, 3 })]
    [InlineData("WinRate", new[] { 2, 3, 1 })]
    [InlineData("Trades", new[] { 3, 1, 2 })]
    [InlineData("Fitness", new[] { 2, 1, 3 })]
    public void Clicking_a_column_sorts_best_first_and_clicking_again_reverses(string column, int[] bestFirst)
    {
        var page = Render<Agents>();
        Deliver(Update(Status(Prometheus.Engine.Supervision.EngineState.Running), Snapshot(Population)));

        page.Find($"[data-testid=sort-{column}]").Click();
        Assert.Equal(bestFirst, Order(page));
        Assert.Equal("descending", page.Find($"[data-testid=sort-{column}]").ParentElement!.GetAttribute("aria-sort"));

        page.Find($"[data-testid=sort-{column}]").Click();
        Assert.Equal(bestFirst.Reverse(), Order(page));
    }

    [Fact]
    public void The_chosen_sort_survives_the_next_live_snapshot()
    {
        var page = Render<Agents>();
        Deliver(Update(Status(Prometheus.Engine.Supervision.EngineState.Running), Snapshot(Population)));
        page.Find("[data-testid=sort-Trades]").Click();

        var moved = Population[1] with { Trades = 500 };
        Deliver(Update(Status(Prometheus.Engine.Supervision.EngineState.Running), Snapshot(Population[0], moved, Population[2])));

        Assert.Equal([2, 3, 1], Order(page));
    }

    [Fact]
    public void Ties_fall_back_to_the_engine_rank()
    {
        var ranking = new AgentRanking();
        ranking.SortBy(RankingColumn.Capital);

        var sorted = ranking.Apply([Agent(5, 2, 100m, 0m, 0m, 0, 0), Agent(6, 1, 100m, 0m, 0m, 0, 0)]);

        Assert.Equal([6, 5], sorted.Select(a => a.Id));
    }
}
