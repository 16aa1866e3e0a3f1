using Prometheus.Engine.Persistence;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>Births and deaths are read back from the store through the history port, by market time, newest kept under a cap.</summary>
public class LifecycleHistoryTests
{
    [Fact]
    public async Task Births_and_deaths_stored_by_the_engine_read_back_by_range_oldest_first()
    {
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => sup.Valhalla.Count >= 3 && sup.Agents.Count > 10);
        await s.StopAsync();
        IHistory history = new StoreHistory(s.DataDir);

        var deaths = await history.DeathsAsync(long.MinValue, long.MaxValue, 1_000);
        Assert.Equal(s.Supervisor.Valhalla.Fallen.OrderBy(f => f.DiedAtMs).ThenBy(f => f.Id).Select(f => (f.Id, f.DiedAtMs, f.Reason, f.LifetimePnl)),
            deaths.Select(f => (f.Id, f.DiedAtMs, f.Reason, f.LifetimePnl)));
        var births = await history.BirthsAsync(long.MinValue, long.MaxValue, 1_000);
        Assert.Equal(s.Supervisor.Agents.Values.OrderBy(a => a.BornAtMs).ThenBy(a => a.Id).Select(a => (a.Id, a.BornAtMs, a.Generation)),
            births.Select(a => (a.Id, a.BornAtMs, a.Generation)));

        // A range holds only what falls in it; a cap keeps the newest.
        var last = deaths[^1].DiedAtMs;
        Assert.All(await history.DeathsAsync(last, last, 1_000), f => Assert.Equal(last, f.DiedAtMs));
        Assert.Equal([deaths[^1].Id], (await history.DeathsAsync(long.MinValue, long.MaxValue, 1)).Select(f => f.Id));
        var bred = births.Where(a => a.Generation > 0).ToList();
        Assert.NotEmpty(bred);
        Assert.Equal(bred.Select(a => a.Id), (await history.BirthsAsync(bred[0].BornAtMs, long.MaxValue, 1_000)).Where(a => a.Generation > 0).Select(a => a.Id));
        Assert.Equal([births[^1].Id], (await history.BirthsAsync(long.MinValue, long.MaxValue, 1)).Select(a => a.Id));
    }

    [Fact]
    public async Task Before_the_store_exists_there_is_no_history()
    {
        IHistory history = new StoreHistory(Path.Combine(Path.GetTempPath(), $"prometheus-none-{Guid.NewGuid():N}"));
        Assert.Empty(await history.BirthsAsync(long.MinValue, long.MaxValue, 10));
        Assert.Empty(await history.DeathsAsync(long.MinValue, long.MaxValue, 10));
    }
}
