using System.Text.Json;
using Bunit;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Tests.Components;

/// <summary>The Overview's agents' return chart: % from each agent's start, the best ranked by default, picked with chips.</summary>
public sealed class AgentReturnsTests : DashboardContext
{
    private static readonly Prometheus.Web.Api.AgentSummary[] Population =
    [.. Enumerable.Range(1, 8).Select(id => Agent(id, rank: 9 - id, capital: 1_000m * id, pnl: 10m * id, winRate: 0.5m, trades: id, fitness: id))];

    [Fact]
    public void A_curve_becomes_its_return_in_percent_from_its_first_point()
    {
        var points = new[] { new EquityPoint(1_000, 2_000m), new EquityPoint(2_000, 2_100m), new EquityPoint(3_000, 1_900m) };

        var returns = AgentReturns.Percent(points, points[0].Equity);

        Assert.Equal([0m, 5m, -5m], returns.Select(p => p.Equity));
        Assert.Equal(points.Select(p => p.TimeMs), returns.Select(p => p.TimeMs));
        Assert.Empty(AgentReturns.Percent(points, 0m));
    }

    [Fact]
    public void Agents_of_any_size_land_on_one_scale()
    {
        // A 100x larger agent with the same relative moves draws the same line.
        var small = new[] { new EquityPoint(1, 1_000m), new EquityPoint(2, 1_030m) };
        var large = new[] { new EquityPoint(1, 100_000m), new EquityPoint(2, 103_000m) };

        Assert.Equal(AgentReturns.Percent(small, 1_000m), AgentReturns.Percent(large, 100_000m));
    }

    [Fact]
    public void The_best_ranked_agents_are_shown_by_default_on_a_percent_axis_and_a_chip_hides_one()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var panel = Render<AgentReturnsPanel>();
        Assert.NotNull(panel.Find("[data-testid=agent-returns-empty]"));

        Deliver(Update(Status(EngineState.Running), Snapshot(Population)));

        var chips = panel.FindAll("[data-testid=agent-chips] [data-agent]");
        Assert.Equal(["8", "7", "6", "5", "4", "3", "2", "1"], chips.Select(c => c.GetAttribute("data-agent")!));
        var create = Assert.Single(module.Invocations, i => i.Identifier == "createLines");
        Assert.True(JsonSerializer.SerializeToElement(create.Arguments[2]).GetProperty("percent").GetBoolean());
        var added = JSInterop.Invocations.Where(i => i.Identifier == "set").Select(i => JsonSerializer.SerializeToElement(i.Arguments[0])).ToList();
        Assert.Equal(["agent-8", "agent-7", "agent-6", "agent-5", "agent-4"], added.Select(s => s.GetProperty("name").GetString()));
        // Lines shown together never share a colour, and each chip's dot is its line's colour.
        Assert.Equal(5, added.Select(s => s.GetProperty("color").GetString()).Distinct().Count());
        Assert.Contains(added[0].GetProperty("color").GetString()!, panel.Find("[data-agent='8'] .legend-dot").GetAttribute("style"));
        Assert.Empty(panel.FindAll("[data-agent='3'] .legend-dot"));

        panel.Find("[data-testid=agent-chips] [data-agent='8']").Click();

        var removed = Assert.Single(JSInterop.Invocations, i => i.Identifier == "remove");
        Assert.Equal("agent-8", removed.Arguments[0]);
    }
}
