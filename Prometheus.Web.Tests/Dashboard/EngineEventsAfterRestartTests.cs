using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Tests.Dashboard;

/// <summary>After a restart the pages' recent fills, births and deaths are the store's, not an empty memory.</summary>
public sealed class EngineEventsAfterRestartTests
{
    private static WebApplication Host(string dataDir) => PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
    {
        ["Prometheus:DataDir"] = dataDir,
        ["Prometheus:AdminToken"] = "restart-events-token-0123456789",
        ["Prometheus:Paper:BarsPerSecond"] = "400",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    });

    [Fact]
    public async Task A_restarted_host_lists_the_stored_fills_births_and_deaths()
    {
        var dataDir = TempFolder.Create();
        var first = Host(dataDir);
        try
        {
            await first.StartAsync();
            var runtime = first.Services.GetRequiredService<EngineRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (runtime.Status.Trades < 20 || (await runtime.History!.BirthsAsync(long.MinValue, long.MaxValue, 1)).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first run neither traded nor stored a birth in 90 s");
                await Task.Delay(100);
            }
        }
        finally
        {
            await first.StopAsync(); // a graceful stop: the last checkpoint holds everything booked
            await first.DisposeAsync();
        }

        var second = Host(dataDir);
        try
        {
            await second.StartAsync();
            var runtime = second.Services.GetRequiredService<EngineRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
            var history = runtime.History!;
            var (_, storedFills) = await history.TradesAsync(new TradeQuery(null, null, null), 0, 200);
            var storedBirths = await history.BirthsAsync(long.MinValue, long.MaxValue, 100);
            var storedDeaths = await history.DeathsAsync(long.MinValue, long.MaxValue, 100);

            // Restored, the engine waits for a person to confirm: nothing new is booked, so the lists are the store's.
            var shown = second.Services.GetRequiredService<EngineEvents>().Current;

            Assert.NotEmpty(storedFills);
            Assert.Equal(storedFills.Select(f => f.TradeId), shown.RecentFills.Select(f => f.TradeId));
            Assert.NotEmpty(storedBirths);
            Assert.Equal(storedBirths.Select(b => b.Id).Reverse(), shown.RecentBirths.Select(b => b.AgentId));
            Assert.Equal(storedDeaths.Select(d => d.Id).Reverse(), shown.RecentDeaths.Select(d => d.Id));
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }
}
