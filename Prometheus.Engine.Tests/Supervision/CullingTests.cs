using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>No agent dies by fitness before it has lived Prometheus:Evolution:MinBarsBeforeCull bars it could trade.</summary>
public class CullingTests
{
    /// <summary>Steps bar by bar and records each agent's tradable age at the cycle it was marked for culling.</summary>
    private static async Task<List<long>> AgesAtCullAsync(int minBars, int bars)
    {
        var s = new SupervisorScenario(o =>
        {
            o.Evolution.GraceHours = 0;
            o.Evolution.MinBarsBeforeCull = minBars;
            o.Evolution.CullFraction = 0.5;
        }, seed: 3, agents: 10);
        var ages = new List<long>();
        var marked = new HashSet<int>();
        for (var i = 0; i < bars; i++)
        {
            await s.StepAsync();
            foreach (var agent in s.Supervisor.Agents.Values)
                if ((agent.PendingDeath == DeathReason.Culled || agent.DeathReason == DeathReason.Culled) && marked.Add(agent.Id))
                    ages.Add(s.Supervisor.TradableAge(agent));
        }
        return ages;
    }

    [Fact]
    public async Task No_agent_is_culled_before_it_lived_the_minimum_bars_and_some_are_once_they_have()
    {
        const int minBars = 480; // five days of 15m bars
        var guarded = await AgesAtCullAsync(minBars, bars: 2_500);
        Assert.NotEmpty(guarded);
        Assert.All(guarded, age => Assert.True(age >= minBars, $"culled at {age} tradable bars"));

        // Without the minimum the weakest go sooner: the guard is what held them.
        var unguarded = await AgesAtCullAsync(0, bars: 2_500);
        Assert.Contains(unguarded, age => age < minBars);
    }

    [Fact]
    public void The_default_minimum_is_the_grace_period_in_bars()
    {
        Assert.Equal(672, new EvolutionOptions { GraceHours = 168 }.MinBarsBeforeCullFor(900_000));
        Assert.Equal(5, new EvolutionOptions { MinBarsBeforeCull = 5 }.MinBarsBeforeCullFor(900_000));
    }
}
