using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;
using Prometheus.Web.Observability;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// The real host trading on paper with alerts on, against a fake webhook and a fake Telegram Bot API on loopback:
/// alerts arrive at both, GET /api/alerts lists them with their outcome, no secret reaches the API or the log; and a
/// webhook that never answers neither slows the engine's cycles nor lets the queue grow.
/// </summary>
public sealed class AlertDeliveryTests
{
    private const string Token = "alerts-admin-token-0123456789";
    private const string BotToken = "424242:telegram-bot-secret-e2e";

    private static WebApplication Host(string dataDir, Dictionary<string, string?> settings)
    {
        settings["Prometheus:DataDir"] = dataDir;
        settings["Prometheus:AdminToken"] = Token;
        return PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], settings);
    }

    private static async Task UntilAsync(Func<bool> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what}: not reached in {seconds} s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Alerts_reach_a_fake_webhook_and_a_fake_telegram_and_are_listed_with_their_outcome_without_secrets()
    {
        await using var fake = await FakeAlertServer.StartAsync();
        var dataDir = TempFolder.Create();
        var app = Host(dataDir, new Dictionary<string, string?>
        {
            ["Prometheus:Paper:BarsPerSecond"] = "200",
            ["Serilog:MinimumLevel:Default"] = "Debug", // the most talkative: the bot token stays out even then
            ["Prometheus:Alerts:Webhook:Url"] = fake.Url + "/hook",
            ["Prometheus:Alerts:Telegram:BotToken"] = BotToken,
            ["Prometheus:Alerts:Telegram:ChatId"] = "-100200300",
            ["Prometheus:Alerts:Telegram:BaseUrl"] = fake.Url,
            ["Prometheus:Alerts:Kinds"] = "Fill,BreakerTripped",
        });
        string listed;
        try
        {
            await app.StartAsync();
            await UntilAsync(() => !fake.Webhook.IsEmpty && !fake.Telegram.IsEmpty, "an alert at both");

            Assert.True(fake.Webhook.TryPeek(out var hook));
            Assert.Equal("Fill", hook.GetProperty("kind").GetString());
            Assert.StartsWith("Agent ", hook.GetProperty("message").GetString());
            Assert.Equal("paper", hook.GetProperty("mode").GetString());
            Assert.True(hook.GetProperty("id").GetInt64() >= 1);
            Assert.True(hook.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
            Assert.True(fake.Telegram.TryPeek(out var telegram));
            Assert.Equal($"/bot{BotToken}/sendMessage", telegram.Path);
            Assert.Equal("-100200300", telegram.Body.GetProperty("chat_id").GetString());
            Assert.StartsWith("Prometheus (paper) · Fill\nAgent ", telegram.Body.GetProperty("text").GetString());

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var anonymous = await http.GetAsync("/api/alerts");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            JsonElement view;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                view = await http.GetFromJsonAsync<JsonElement>("/api/alerts");
                if (view.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("outcome").GetString() == "Delivered")) break;
                Assert.True(DateTime.UtcNow < deadline, "no alert listed as delivered");
                await Task.Delay(100);
            }
            Assert.True(view.GetProperty("enabled").GetBoolean());
            Assert.Equal(["webhook", "telegram"], view.GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
            Assert.Equal(["Fill", "BreakerTripped"], view.GetProperty("kinds").EnumerateArray().Select(d => d.GetString()));
            var delivered = view.GetProperty("items").EnumerateArray().First(i => i.GetProperty("outcome").GetString() == "Delivered");
            Assert.Equal("Fill", delivered.GetProperty("kind").GetString());
            foreach (var field in new[] { "id", "kind", "message", "at", "outcome", "deliveries" })
                Assert.True(delivered.TryGetProperty(field, out _), $"an alert has {field}");
            Assert.All(delivered.GetProperty("deliveries").EnumerateArray(), d =>
            {
                Assert.Equal("Delivered", d.GetProperty("outcome").GetString());
                Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            });
            listed = view.GetRawText();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync(); // flushes the log file
        }

        Assert.DoesNotContain(BotToken, listed);
        var logs = string.Concat(Directory.GetFiles(Path.Combine(dataDir, "logs")).Select(File.ReadAllText));
        Assert.Contains("sendMessage", string.Concat(fake.Telegram.Select(t => t.Path))); // it was sent...
        Assert.DoesNotContain(BotToken, logs);                                            // ...and never logged
    }

    [Fact]
    public async Task A_webhook_that_never_answers_neither_slows_the_cycles_nor_lets_the_queue_grow()
    {
        const int barsPerSecond = 100, capacity = 5;
        await using var fake = await FakeAlertServer.StartAsync();
        var app = Host(TempFolder.Create(), new Dictionary<string, string?>
        {
            ["Prometheus:Paper:BarsPerSecond"] = barsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Prometheus:Alerts:Webhook:Url"] = fake.Url + "/hung",
            ["Prometheus:Alerts:Kinds"] = "Fill",
            ["Prometheus:Alerts:MaxPerMinute"] = "10000",
            ["Prometheus:Alerts:QueueCapacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Prometheus:Alerts:TimeoutSeconds"] = "300",
        });
        try
        {
            await app.StartAsync();
            var runtime = app.Services.GetRequiredService<EngineRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
            await UntilAsync(() => fake.HungRequests >= 1, "the dispatcher stuck on the hung webhook");

            var (cycle0, at0) = (runtime.Status.Cycle, DateTime.UtcNow);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (cycle1, at1) = (runtime.Status.Cycle, DateTime.UtcNow);
            var pace = (cycle1 - cycle0) / (at1 - at0).TotalSeconds;
            // A trading loop waiting on the webhook would stand still; a tenth of the configured pace leaves room for a busy machine.
            Assert.True(pace >= barsPerSecond / 10.0, $"the engine kept its pace while the webhook hung ({pace:0} cycles/s)");
            Assert.Equal(1, fake.HungRequests); // still the first alert: the dispatcher waits on it, the engine does not

            var queue = app.Services.GetRequiredService<AlertQueue>();
            await UntilAsync(() => queue.Dropped > 0, "an alert dropped from the full queue");
            var pending = app.Services.GetRequiredService<AlertHistory>().Recent().Count(r => r.Outcome == AlertOutcome.Pending);
            Assert.True(pending <= capacity + 1, $"at most the queue and the one being sent wait ({pending})");

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var metrics = PrometheusText.Parse(await http.GetStringAsync(MetricsEndpoint.Path));
            Assert.True(metrics.Sum(MetricNames.AlertsDropped) > 0, "the drops are counted in /metrics");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_tripped_breaker_reaches_the_webhook_and_the_breaker_gauge()
    {
        await using var fake = await FakeAlertServer.StartAsync();
        var app = Host(TempFolder.Create(), new Dictionary<string, string?>
        {
            ["Prometheus:Paper:BarsPerSecond"] = "400",
            // A book small enough to fall 1.5% soon: the breaker trips within the run.
            ["Prometheus:Risk:MaxDrawdownPercent"] = "0.015",
            ["Prometheus:Risk:ReducingDrawdownPercent"] = "0.01",
            ["Prometheus:Mastermind:DeployedShare"] = "1",
            ["Prometheus:Alerts:Webhook:Url"] = fake.Url + "/hook",
        });
        await app.StartAsync();
        try
        {
            await UntilAsync(() => fake.Webhook.Any(h => h.GetProperty("kind").GetString() == "BreakerTripped"), "a BreakerTripped alert", seconds: 180);

            var tripped = fake.Webhook.First(h => h.GetProperty("kind").GetString() == "BreakerTripped");
            Assert.StartsWith("Circuit breaker tripped: drawdown ", tripped.GetProperty("message").GetString());
            Assert.EndsWith("Trading is halted until a person resets it.", tripped.GetProperty("message").GetString());
            Assert.DoesNotContain(fake.Webhook, h => h.GetProperty("kind").GetString() == "Fill"); // off by default
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            // The alert goes out on the event; a scrape reads the published read model, which may trail it by one
            // publication (at most 200 ms while paced): the gauge is read until that model is out.
            var breaker = 0.0;
            for (var i = 0; i < 40 && breaker != 1; i++)
            {
                if (i > 0) await Task.Delay(50);
                breaker = PrometheusText.Parse(await http.GetStringAsync(MetricsEndpoint.Path)).Sum(MetricNames.BreakerTripped);
            }
            Assert.Equal(1, breaker); // until a person resets it
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
