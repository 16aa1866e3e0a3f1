using System.Text.Json;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>The real `serve` process: the equity curve is kept in the store, so a kill -9 and a restart leave it, and the total PnL, as they were.</summary>
public sealed class EquityAcrossKillTests
{
    private static List<(DateTimeOffset At, decimal Equity)> Points(JsonElement curve) =>
        [.. curve.EnumerateArray().Select(p => (p.GetProperty("at").GetDateTimeOffset(), p.GetProperty("equity").GetDecimal()))];

    [Fact]
    public async Task The_equity_curve_and_the_total_pnl_are_the_same_after_a_kill_and_a_restart()
    {
        var dataDir = TempFolder.Create();
        List<(DateTimeOffset At, decimal Equity)> before;
        decimal totalPnl;
        await using (var serve = ServeProcess.Start(dataDir, barsPerSecond: 200))
        {
            await serve.ReadyAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((before = Points(await serve.GetAsync("/api/equity"))).Count < 5
                || (await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32() == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "fewer than 5 equity points or no trade within 60 s");
                await Task.Delay(50);
            }
            // Flat and paused: the equity no longer moves with the market, so the total PnL must come back exactly.
            await serve.PostAsync("/api/trading/close-all");
            var flat = DateTime.UtcNow.AddSeconds(30);
            while ((await serve.GetAsync("/api/status")).GetProperty("unrealizedPnl").GetDecimal() != 0m)
            {
                Assert.True(DateTime.UtcNow < flat, "positions still open 30 s after close-all");
                await Task.Delay(50);
            }
            // The summary reads the published read model (at most 200 ms behind the loop): read until it holds still.
            var settled = DateTime.UtcNow.AddSeconds(10);
            decimal previous;
            totalPnl = decimal.MinValue;
            do
            {
                previous = totalPnl;
                await Task.Delay(300);
                totalPnl = (await serve.GetAsync("/api/summary")).GetProperty("totalPnl").GetDecimal();
                Assert.True(DateTime.UtcNow < settled, "the total PnL still moved 10 s after the book was flat");
            }
            while (totalPnl != previous);
            Assert.NotEqual(0m, totalPnl);
            before = Points(await serve.GetAsync("/api/equity"));
            serve.Kill(); // at once: no last checkpoint, no graceful stop
        }
        Assert.True(before.Zip(before.Skip(1)).All(p => p.First.At < p.Second.At), "oldest first, one point per time");

        await using var again = ServeProcess.Start(dataDir, barsPerSecond: 200);
        await again.ReadyAsync();
        var to = Uri.EscapeDataString(before[^1].At.ToString("O"));
        var after = Points(await again.GetAsync($"/api/equity?to={to}"));

        Assert.Equal(before, after);
        Assert.Equal(totalPnl, (await again.GetAsync("/api/summary")).GetProperty("totalPnl").GetDecimal());
        var agent = await again.GetAsync("/api/equity?agent=1");
        Assert.NotEmpty(agent.EnumerateArray());
    }
}
