using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Web.Configuration;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;
using Prometheus.Web.Observability;
using Prometheus.Web.Tests.ExchangeSim;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// The host trading on OKX through the V5 gateway against an in-process exchange-sim: a WebSocket that drops is counted
/// as a reconnect in /metrics, and one down longer than Prometheus:Alerts:DisconnectedSeconds reaches the webhook as
/// GatewayDisconnected, then again when it is back.
/// </summary>
public sealed class GatewayObservabilityTests
{
    [Fact]
    public async Task A_dropped_okx_socket_counts_a_reconnect_and_an_outage_past_the_limit_alerts_down_then_back()
    {
        await using var sim = await SimServerKit.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Prometheus:Sim:Speed"] = "9000",
            ["Prometheus:Sim:Data"] = ShippedData.Resolve(ShippedData.Okx15m),
        });
        await using var fake = await FakeAlertServer.StartAsync();
        var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], CliRunner.WithTempDataDir(new Dictionary<string, string?>
        {
            ["Prometheus:AdminToken"] = "gateway-alerts-token-0123456789",
            ["Prometheus:Exchange:Mode"] = "Okx",
            ["Prometheus:Exchange:Okx:ApiKey"] = SimServerKit.ApiKey,
            ["Prometheus:Exchange:Okx:SecretKey"] = SimServerKit.SecretKey,
            ["Prometheus:Exchange:Okx:Passphrase"] = SimServerKit.Passphrase,
            ["Prometheus:Exchange:Okx:BaseUrl"] = sim.BaseUrl,
            ["Prometheus:Exchange:Okx:PublicWsUrl"] = sim.WsUrl("public"),
            ["Prometheus:Exchange:Okx:BusinessWsUrl"] = sim.WsUrl("business"),
            ["Prometheus:Exchange:Okx:PrivateWsUrl"] = sim.WsUrl("private"),
            // The first reconnect waits 3 s: an outage longer than the 1 s the alert allows.
            ["Prometheus:Exchange:Okx:ReconnectBaseDelaySeconds"] = "3",
            ["Prometheus:Market:RegimeWindowDays"] = "1",
            ["Prometheus:Alerts:Webhook:Url"] = fake.Url + "/hook",
            ["Prometheus:Alerts:Kinds"] = "GatewayDisconnected",
            ["Prometheus:Alerts:DisconnectedSeconds"] = "1",
        }));
        await app.StartAsync();
        try
        {
            var runtime = app.Services.GetRequiredService<EngineRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(90));
            var gateway = Assert.IsType<OkxExchange>(runtime.Exchange);

            gateway.Sockets.Single(s => EngineMetrics.SocketName(s.Url) == "private").Abort();

            // Only the private socket's: another socket may drop on its own meanwhile, and would be reported as well.
            List<System.Text.Json.JsonElement> Private() =>
                [.. fake.Webhook.Where(a => a.GetProperty("message").GetString()!.StartsWith("OKX private ", StringComparison.Ordinal))];
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Private().Count < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{Private().Count} private socket alerts in 60 s");
                await Task.Delay(50);
            }
            var alerts = Private();
            Assert.All(alerts, a => Assert.Equal("GatewayDisconnected", a.GetProperty("kind").GetString()));
            Assert.Equal("OKX private WebSocket disconnected for more than 1 s; it keeps reconnecting.", alerts[0].GetProperty("message").GetString());
            Assert.StartsWith("OKX private WebSocket reconnected after ", alerts[1].GetProperty("message").GetString());
            Assert.Equal("demo", alerts[0].GetProperty("mode").GetString());

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var metrics = PrometheusText.Parse(await http.GetStringAsync(MetricsEndpoint.Path));
            Assert.True(metrics.Value(MetricNames.WsReconnects, "socket", "private") >= 1, "the private socket's reconnect is counted");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
