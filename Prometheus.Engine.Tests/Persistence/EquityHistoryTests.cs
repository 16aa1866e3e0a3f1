using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>Equity curves are written with the checkpoint taken at the same time and read back through the history port.</summary>
public class EquityHistoryTests
{
    [Fact]
    public async Task Equity_points_written_with_checkpoints_read_back_per_agent_and_for_the_population_after_a_restart()
    {
        using var s = new StoreScenario();
        var written = new List<EquityMark>();
        for (var bar = 0; bar < 3; bar++)
        {
            await s.Engine.StepAsync(4);
            var equity = s.Supervisor.CaptureEquity();
            written.AddRange(equity);
            s.Store.Checkpoint(s.Supervisor.CaptureCheckpoint(), equity);
            s.Store.Checkpoint(s.Supervisor.CaptureCheckpoint(), equity); // the same time again: kept once
        }
        await s.Store.FlushAsync();
        s.Reopen().Dispose();
        IHistory history = new StoreHistory(s.DataDir);

        var population = await history.EquityAsync(EquityMark.Population, long.MinValue, long.MaxValue);
        Assert.Equal(written.Where(m => m.AgentId == EquityMark.Population), population);
        Assert.Equal(s.Supervisor.Equity, population[^1].Equity);
        // The population's points keep each traded coin's price (the market's price among them); an agent's keep none.
        Assert.All(population, p => Assert.Equal(p.MarketPrice, p.Prices?[s.Supervisor.Traded[0].BaseCcy]));
        var agent = s.Supervisor.Living[0].Id;
        Assert.Equal(written.Where(m => m.AgentId == agent), await history.EquityAsync(agent, long.MinValue, long.MaxValue));
        Assert.All(await history.EquityAsync(agent, long.MinValue, long.MaxValue), p => Assert.Null(p.Prices));
        var middle = population[1].TimeMs;
        await s.Engine.StepAsync(); // a quarter of an hour later: the population's point only
        Assert.Equal([EquityMark.Population], s.Supervisor.CaptureEquity().Select(m => m.AgentId));
        Assert.Equal([population[1]], await history.EquityAsync(EquityMark.Population, middle, middle));
    }
}
