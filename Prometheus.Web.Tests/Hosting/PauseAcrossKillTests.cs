namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// The real `serve` process: a person pauses, the process is killed with SIGKILL right after the pause is acknowledged,
/// and the restart shows the pause in its recovery report; confirming resumes the engine paused, and it trades nothing
/// until a person resumes it.
/// </summary>
public sealed class PauseAcrossKillTests
{
    [Fact]
    public async Task Pause_survives_kill_and_confirm_resumes_paused()
    {
        var dataDir = TempFolder.Create();
        await using (var serve = ServeProcess.Start(dataDir, barsPerSecond: 200))
        {
            await serve.ReadyAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32() < 5)
            {
                Assert.True(DateTime.UtcNow < deadline, "no trades within 60 s");
                await Task.Delay(50);
            }
            Assert.Equal("Paused", (await serve.PostAsync("/api/trading/pause")).GetProperty("state").GetString());
            serve.Kill(); // at once: no checkpoint, no graceful stop
        }

        await using var again = ServeProcess.Start(dataDir, barsPerSecond: 200);
        var status = await again.ReadyAsync();
        Assert.Equal("AwaitingConfirmation", status.GetProperty("state").GetString());
        var recovery = await again.GetAsync("/api/recovery");
        var trading = recovery.GetProperty("trading");
        Assert.True(trading.GetProperty("paused").GetBoolean());
        Assert.Equal("paused by a person", trading.GetProperty("pauseReason").GetString());
        Assert.Contains("stays paused", recovery.GetProperty("decision").GetString());
        Assert.True(recovery.GetProperty("seed").GetInt32() >= 0);

        var confirmed = await again.PostAsync("/api/recovery/confirm");

        Assert.Equal("Paused", confirmed.GetProperty("state").GetString());
        var trades = (await again.GetAsync("/api/status")).GetProperty("trades").GetInt32();
        var cycle = (await again.GetAsync("/api/status")).GetProperty("cycle").GetInt64();
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await again.GetAsync("/api/status")).GetProperty("cycle").GetInt64() < cycle + 200)
        {
            Assert.True(DateTime.UtcNow < until, "the market did not move on");
            await Task.Delay(50);
        }
        var after = await again.GetAsync("/api/status");
        Assert.Equal("Paused", after.GetProperty("state").GetString());
        Assert.Equal(trades, after.GetProperty("trades").GetInt32());
        Assert.Equal("Running", (await again.PostAsync("/api/trading/resume")).GetProperty("state").GetString());
    }
}
