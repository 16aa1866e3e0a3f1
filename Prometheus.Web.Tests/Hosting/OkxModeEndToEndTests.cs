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
            "--Prometheus:Exchange:Mode=Okx",
            $"--Prometheus:Exchange:Okx:ApiKey={SimServerKit.ApiKey}",
            $"--Prometheus:Exchange:Okx:SecretKey={SimServerKit.SecretKey}",
            $"--Prometheus:Exchange:Okx:Passphrase={SimServerKit.Passphrase}",
            $"--Prometheus:Exchange:Okx:BaseUrl={sim.BaseUrl}",
            $"--Prometheus:Exchange:Okx:PublicWsUrl={sim.WsUrl("public")}",
            $"--Prometheus:Exchange:Okx:BusinessWsUrl={sim.WsUrl("business")}",
            $"--Prometheus:Exchange:Okx:PrivateWsUrl={sim.WsUrl("private")}",
            "--Prometheus:Market:RegimeWindowDays=1",
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
}
