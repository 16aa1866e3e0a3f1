using Bunit;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Web.Components.Shared;

namespace Prometheus.Web.Tests.Components;

/// <summary>Valhalla's fallen in a data grid: paged, and sorted by a column when its header is clicked.</summary>
public sealed class FallenGridTests : DashboardContext
{
    private static List<FallenAgent> Fallen(int count)
    {
        var random = new Random(21);
        return [.. Enumerable.Range(1, count).Select(id => new FallenAgent(id, $"Agent-{id}", 1, "BTC-USDT", 0, 86_400_000L * id, DeathReason.Culled,
            1_000m, 900m + id, (id * 37 % 101) - 50m, id, id / 2, 0.5m, 2, id / 3.0, random.NextDouble(),
            Genome.Random(random), Personality.Random(random), Medals.None, "the Brave"))];
    }

    private static int[] Ids(IRenderedComponent<FallenTable> grid) =>
        [.. grid.FindAll("tbody tr a[href^='/agents/']").Select(a => int.Parse(a.GetAttribute("href")!["/agents/".Length..], System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void The_grid_pages_and_a_header_click_sorts_by_that_column()
    {
        var fallen = Fallen(30);
        var grid = Render<FallenTable>(p => p.Add(c => c.Fallen, fallen).Add(c => c.PageSize, 25));

        Assert.Equal(Enumerable.Range(1, 25), Ids(grid));

        var header = grid.FindAll("th").Single(th => th.TextContent.Contains("Lifetime PnL", StringComparison.Ordinal));
        header.QuerySelector(".sortable-column-header")!.Click();

        var ascending = fallen.OrderBy(f => f.LifetimePnl).Take(25).Select(f => f.Id).ToArray();
        Assert.Equal(ascending, Ids(grid));
    }

    [Fact]
    public void Without_a_page_size_every_row_shows_and_no_pager()
    {
        var grid = Render<FallenTable>(p => p.Add(c => c.Fallen, Fallen(12)).Add(c => c.TestId, "heroes"));

        Assert.Equal(12, Ids(grid).Length);
        Assert.Empty(grid.FindAll("[data-testid=pager]"));
    }
}
