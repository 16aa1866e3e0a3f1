using Prometheus.Web.Configuration;
using Prometheus.Web.Tests.ExchangeSim;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// `serve` with Prometheus:Exchange:Mode=Okx trading through the V5 gateway against an exchange-sim server (the
/// shipped candles replayed fast): it trades, books what the exchange fills, survives a kill -9 and reconciles.
/// </summary>
public sealed class OkxModeEndToEndTests
{
    [Fact]
    public async Task Serve_trades_on_OKX_through_the_gateway_and_recovers_from_a_kill()
    {
        await using var sim = await SimServerKit.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Prometheus:Sim:Speed"] = "9000", // a 15-minute bar every 0.1 s
            ["Prometheus:Sim:Data"] = ShippedData.Resolve(ShippedData.Okx15m),
        });
        var dataDir = TempFolder.Create();
        string[] okx =
        [
            .. sim.ServeOkxArgs(),
            "--Prometheus:Market:RegimeWindowDays=1",
            // Enough agents that some trade every few bars: each entry must clear its round-trip cost.
            "--Prometheus:Agents:Initial=30",
        ];

        int trades;
        await using (var serve = ServeProcess.Start(dataDir, barsPerSecond: 2, environment: null, okx))
        {
            var status = await serve.ReadyAsync(TimeSpan.FromSeconds(90));
            Assert.Equal("demo", status.GetProperty("mode").GetString());
            Assert.Equal("Running", status.GetProperty("state").GetString());
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((trades = (await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32()) < 10)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {trades} trades in 90 s:\n{serve.Output}");
                await Task.Delay(200);
            }
            var verify = await serve.GetAsync("/api/ledger/verify");
            Assert.Equal(0, verify.GetProperty("mismatched").GetInt32());
            Assert.Equal(0, verify.GetProperty("duplicates").GetInt32());
            using var sim404 = await serve.Http.GetAsync("/api/sim/faults");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, sim404.StatusCode);
            serve.Kill();
        }

        await using var again = ServeProcess.Start(dataDir, barsPerSecond: 2, environment: null, okx);
        var restarted = await again.ReadyAsync(TimeSpan.FromSeconds(90));
        Assert.Equal("AwaitingConfirmation", restarted.GetProperty("state").GetString());
        Assert.True(restarted.GetProperty("trades").GetInt32() >= trades);
        var after = await again.GetAsync("/api/ledger/verify");
        Assert.True(after.GetProperty("consistent").GetBoolean(), after.ToString());
        Assert.Equal("Running", (await again.PostAsync("/api/recovery/confirm")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Serve_and_exchange_sim_in_their_own_processes_each_killed_in_turn_recover_and_trade_on()
    {
        var simDir = TempFolder.Create();
        var dataDir = TempFolder.Create();
        var port = ServeProcess.FreePort();
        string[] simArgs =
        [
            "--speed", "9000", $"--Prometheus:DataDir={simDir}",
            $"--Prometheus:Sim:ApiKey={SimServerKit.ApiKey}", $"--Prometheus:Sim:SecretKey={SimServerKit.SecretKey}",
            $"--Prometheus:Sim:Passphrase={SimServerKit.Passphrase}", "--Serilog:MinimumLevel:Default=Warning",
        ];
        var url = $"http://127.0.0.1:{port}";
        string[] okx =
        [
            "--Prometheus:Exchange:Mode=Okx",
            $"--Prometheus:Exchange:Okx:ApiKey={SimServerKit.ApiKey}",
            $"--Prometheus:Exchange:Okx:SecretKey={SimServerKit.SecretKey}",
            $"--Prometheus:Exchange:Okx:Passphrase={SimServerKit.Passphrase}",
            $"--Prometheus:Exchange:Okx:BaseUrl={url}",
            $"--Prometheus:Exchange:Okx:PublicWsUrl=ws://127.0.0.1:{port}/ws/v5/public",
            $"--Prometheus:Exchange:Okx:BusinessWsUrl=ws://127.0.0.1:{port}/ws/v5/business",
            $"--Prometheus:Exchange:Okx:PrivateWsUrl=ws://127.0.0.1:{port}/ws/v5/private",
            "--Prometheus:Exchange:Okx:ReconnectMaxDelaySeconds=1",
            "--Prometheus:Exchange:Okx:CircuitBreakerOpenSeconds=2",
            "--Prometheus:Exchange:Okx:RequestTimeoutSeconds=3",
            "--Prometheus:Market:RegimeWindowDays=1",
            // Enough agents that some trade every few bars: each entry must clear its round-trip cost.
            "--Prometheus:Agents:Initial=30",
        ];

        var sim = ProgramProcess.Start("exchange-sim", port, simArgs);
        await sim.WaitListeningAsync(url + "/api/v5/public/time");
        await using var serve = ServeProcess.Start(dataDir, barsPerSecond: 2, environment: null, okx);
        Assert.Equal("Running", (await serve.ReadyAsync(TimeSpan.FromSeconds(90))).GetProperty("state").GetString());
        await TradesAtLeastAsync(serve, sim, 10);

        // The exchange dies under the engine: the engine stays up, and trades on once the exchange is back.
        sim.Kill();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(serve.HasExited, serve.Output);
        var before = (await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32();
        sim = ProgramProcess.Start("exchange-sim", port, simArgs);
        await sim.WaitListeningAsync(url + "/api/v5/public/time");
        await TradesAtLeastAsync(serve, sim, before + 5);
        var verify = await serve.GetAsync("/api/ledger/verify");
        Assert.Equal(0, verify.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, verify.GetProperty("mismatched").GetInt32());

        // Then the engine dies: the restart reconciles with the exchange and, confirmed, trades on.
        serve.Kill();
        await using var again = ServeProcess.Start(dataDir, barsPerSecond: 2, environment: null, okx);
        Assert.Equal("AwaitingConfirmation", (await again.ReadyAsync(TimeSpan.FromSeconds(90))).GetProperty("state").GetString());
        var afterRestart = await again.GetAsync("/api/ledger/verify");
        Assert.True(afterRestart.GetProperty("consistent").GetBoolean(), afterRestart.ToString());
        Assert.Equal("Running", (await again.PostAsync("/api/recovery/confirm")).GetProperty("state").GetString());
        await TradesAtLeastAsync(again, sim, afterRestart.GetProperty("publicRecords").GetInt32() + 5);
        sim.Kill();
    }

    private static async Task TradesAtLeastAsync(ServeProcess serve, ProgramProcess sim, int trades)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        int now;
        while ((now = (await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32()) < trades)
        {
            Assert.False(sim.HasExited, $"exchange-sim exited with {now} of {trades} trades:\n{sim.Output}\n--- serve:\n{serve.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"only {now} of {trades} trades in 90 s:\n{serve.Output}\n--- exchange-sim:\n{sim.Output}");
            await Task.Delay(200);
        }
    }
}
