using System.Net.Http.Json;
using System.Text.Json;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using Prometheus.Engine.Persistence;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// Three-way reconciliation on the real process: things done behind the engine's back on the exchange, then a kill -9;
/// the restart reports them, corrects what it can prove, and a person decides the rest.
/// </summary>
public sealed class ReconciliationEndToEndTests
{
    private static async Task<JsonElement> PostAsync(ServeProcess serve, string path, object body)
    {
        using var response = await serve.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached in {seconds} s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_trade_by_hand_and_a_close_by_hand_before_a_crash_are_reported_corrected_and_decided()
    {
        var dataDir = TempFolder.Create();
        Dictionary<int, (decimal Amount, decimal AveragePrice)> holders;
        decimal closePrice;
        await using (var serve = ServeProcess.Start(dataDir, barsPerSecond: 200))
        {
            await serve.ReadyAsync();
            List<JsonElement> longs = [];
            await UntilAsync(async () =>
            {
                longs = [.. (await serve.GetAsync("/api/agents")).EnumerateArray().Where(a =>
                    a.GetProperty("positions").EnumerateArray().Any(p => p.GetProperty("instId").GetString() == "BTC-USDT-SWAP" && p.GetProperty("posSide").GetString() == "Long"))];
                return longs.Count >= 2;
            });
            // Nobody trades while we look: the holders and their average prices stay as read.
            await serve.PostAsync("/api/trading/pause");
            holders = (await serve.GetAsync("/api/agents")).EnumerateArray()
                .SelectMany(a => a.GetProperty("positions").EnumerateArray()
                    .Where(p => p.GetProperty("instId").GetString() == "BTC-USDT-SWAP" && p.GetProperty("posSide").GetString() == "Long")
                    .Select(p => (Id: a.GetProperty("id").GetInt32(), Amount: p.GetProperty("amount").GetDecimal(), Avg: p.GetProperty("averagePrice").GetDecimal())))
                .ToDictionary(h => h.Id, h => (h.Amount, h.Avg));

            var manual = await PostAsync(serve, "/api/sim/manual-order", new { instId = "BTC-USDT-SWAP", side = "sell", posSide = "short", sz = 1 });
            Assert.False(string.IsNullOrEmpty(manual.GetProperty("ordId").GetString()));
            var closed = await PostAsync(serve, "/api/sim/close-position", new { instId = "BTC-USDT-SWAP", posSide = "long" });
            closePrice = closed[0].GetProperty("avgPx").GetDecimal();
            Assert.Equal(holders.Values.Sum(h => h.Amount), closed[0].GetProperty("sz").GetDecimal());
            serve.Kill();
        }

        await using var again = ServeProcess.Start(dataDir, barsPerSecond: 200);
        Assert.Equal("AwaitingConfirmation", (await again.ReadyAsync()).GetProperty("state").GetString());
        var report = await again.GetAsync("/api/recovery");
        var items = report.GetProperty("reconciliation").GetProperty("items").EnumerateArray().ToList();
        var orphan = Assert.Single(items, i => i.GetProperty("kind").GetString() == "Orphan");
        Assert.False(orphan.GetProperty("resolved").GetBoolean());
        Assert.Equal("Short", orphan.GetProperty("posSide").GetString());
        var outside = items.Where(i => i.GetProperty("kind").GetString() == "ClosedOutside").ToList();
        Assert.Equal(holders.Keys.Order(), outside.Select(i => i.GetProperty("agentId").GetInt32()).Order());
        Assert.All(outside, i => Assert.True(i.GetProperty("resolved").GetBoolean()));
        Assert.All(items.Where(i => i.GetProperty("kind").GetString() is not ("Orphan" or "ClosedOutside")), i => Assert.True(i.GetProperty("resolved").GetBoolean(), i.ToString()));
        Assert.True(report.GetProperty("decisionRequired").GetBoolean());

        // The right PnL: each holder's part booked at the exchange's price against its own average.
        var trades = await again.TradesAsync();
        foreach (var (agent, (amount, average)) in holders)
        {
            var part = Assert.Single(trades, t => t.GetProperty("agentId").GetInt32() == agent && t.GetProperty("origin").GetString() == "Outside");
            Assert.Equal(amount, part.GetProperty("amount").GetDecimal());
            Assert.Equal(closePrice, part.GetProperty("price").GetDecimal());
            Assert.Equal((closePrice - average) * amount * 0.01m, part.GetProperty("realizedPnl").GetDecimal());
            var detail = await again.GetAsync($"/api/agents/{agent}");
            Assert.DoesNotContain(detail.GetProperty("agent").GetProperty("positions").EnumerateArray(),
                p => p.GetProperty("instId").GetString() == "BTC-USDT-SWAP" && p.GetProperty("posSide").GetString() == "Long");
        }

        // A person adopts the orphan into a swap agent that can carry it, then confirms.
        var orphans = (await again.GetAsync("/api/orphans")).EnumerateArray().ToList();
        var open = Assert.Single(orphans, o => o.GetProperty("status").GetString() == "Open");
        Assert.Equal("sell", open.GetProperty("side").GetString());
        Assert.Equal(1m, open.GetProperty("sz").GetDecimal());
        var adopter = (await again.GetAsync("/api/agents")).EnumerateArray()
            .Where(a => a.GetProperty("instId").GetString() == "BTC-USDT-SWAP").MaxBy(a => a.GetProperty("capital").GetDecimal());
        var adopterId = adopter.GetProperty("id").GetInt32();
        var adopted = await PostAsync(again, $"/api/orphans/{Uri.EscapeDataString(open.GetProperty("id").GetString()!)}/adopt", new { agentId = adopterId });
        Assert.Equal("Adopted", adopted.GetProperty("status").GetString());
        Assert.Contains((await again.GetAsync($"/api/agents/{adopterId}")).GetProperty("agent").GetProperty("positions").EnumerateArray(),
            p => p.GetProperty("posSide").GetString() == "Short" && p.GetProperty("amount").GetDecimal() >= 1m);

        // It was paused before the crash: confirming resumes it as it was left, paused, until a person resumes it.
        Assert.Equal("Paused", (await again.PostAsync("/api/recovery/confirm")).GetProperty("state").GetString());
        Assert.Equal("Running", (await again.PostAsync("/api/trading/resume")).GetProperty("state").GetString());
        var verify = await again.GetAsync("/api/ledger/verify");
        Assert.True(verify.GetProperty("consistent").GetBoolean(), verify.ToString());
        var audit = (await again.GetAsync("/api/audit?take=1000")).EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("orphan-adopted", audit);
        Assert.Contains("ClosedOutside", audit);
    }

    [Fact]
    public async Task Twenty_kills_between_the_exchange_fill_and_its_booking_lose_and_double_no_fill()
    {
        var dataDir = TempFolder.Create();
        var random = new Random(4);
        var started = false;
        for (var round = 0; round < 20; round++)
        {
            var crashAt = random.Next(1, 12);
            await using var serve = ServeProcess.Start(dataDir, barsPerSecond: 400,
                new Dictionary<string, string> { [CrashPoints.Variable] = $"booking:{crashAt}" });
            // The first run trades from its first second (a fresh start) and may die before its API answers; every later
            // one awaits confirmation, and its startup corrections never trip the crash point.
            if (started)
            {
                var status = await serve.ReadyAsync();
                Assert.Equal("AwaitingConfirmation", status.GetProperty("state").GetString());
                AssertEveryFillBookedOnce(await serve.TradesAsync(), dataDir, round);
                Assert.True((await serve.GetAsync("/api/ledger/verify")).GetProperty("consistent").GetBoolean());
                try
                {
                    await serve.PostAsync("/api/recovery/confirm");
                }
                catch (HttpRequestException)
                {
                    // The simulated market moves on while the engine awaits confirmation: a resting stop's fill, booked by
                    // the reconciliation that runs meanwhile, can reach the crash point first. That is one more kill (and
                    // anything else that refused the connection times out here).
                    await serve.ExitCodeAsync(TimeSpan.FromSeconds(10));
                }
            }
            started = true;
            await serve.ExitCodeAsync(TimeSpan.FromSeconds(60)); // the crash point kills it (a TimeoutException if never reached)
        }
        await using var last = ServeProcess.Start(dataDir, barsPerSecond: 400);
        await last.ReadyAsync();
        AssertEveryFillBookedOnce(await last.TradesAsync(), dataDir, 20);
    }

    /// <summary>Every fill of an agent's order on the exchange is in the ledger exactly once.</summary>
    private static void AssertEveryFillBookedOnce(List<JsonElement> trades, string dataDir, int round)
    {
        using var exchange = SqliteSimulatedExchangeStore.Open(Path.Combine(dataDir, SqliteSimulatedExchangeStore.DefaultFileName));
        var fills = exchange.Load()!.Fills.Where(f => f.ClOrdId.StartsWith('p')).Select(f => f.TradeId).ToList();
        var booked = trades.Select(t => t.GetProperty("exchangeTradeId").GetString()!).ToList();
        Assert.Equal(booked.Count, booked.Distinct().Count());
        var missing = fills.Except(booked).ToList();
        Assert.True(missing.Count == 0, $"round {round}: fills {string.Join(", ", missing)} are not booked");
    }
}
