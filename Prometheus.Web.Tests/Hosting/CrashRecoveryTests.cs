using System.Text.Json;
using Prometheus.Engine.Persistence;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// The real `serve` process killed with SIGKILL at random moments, and mid-booking, again and again: after every
/// restart no committed trade is lost or doubled, public equals private, every agent is as last committed, the engine
/// awaits a person's confirmation and trades nothing before it.
/// </summary>
public sealed class CrashRecoveryTests
{
    private sealed record Committed(List<(long TradeId, string ExchangeTradeId, decimal Amount, decimal Price)> Trades,
        Dictionary<int, (int Trades, int RoundTrips, int Wins, string Stage)> Agents, Dictionary<int, decimal> Capital);

    private static Committed ReadCommitted(string dataDir)
    {
        using var reader = StoreReader.Open(dataDir);
        return new Committed(
            [.. reader.Trades().Select(t => (t.TradeId, t.ExchangeTradeId, t.Amount, t.Price))],
            reader.Agents().ToDictionary(a => a.Id, a => (a.Trades, a.RoundTrips, a.Wins, a.Stage.ToString())),
            reader.Ledgers().ToDictionary(l => l.AgentId, l => l.Capital));
    }

    [Fact]
    public async Task Twenty_kills_at_random_moments_and_mid_booking_lose_and_double_nothing()
    {
        var dataDir = TempFolder.Create();
        var random = new Random(20261129);
        Committed? committed = null;
        for (var round = 0; round < 20; round++)
        {
            // Every fourth run dies inside a booking's transaction (after the exchange filled, before the commit).
            var crashAt = round % 4 == 3 ? random.Next(1, 25) : 0;
            var environment = crashAt > 0 ? new Dictionary<string, string> { [CrashPoints.Variable] = $"booking:{crashAt}" } : null;
            await using var serve = ServeProcess.Start(dataDir, barsPerSecond: 200, environment);
            var status = await serve.ReadyAsync();

            if (committed is null)
                Assert.Equal("Running", status.GetProperty("state").GetString());
            else
            {
                Assert.Equal("AwaitingConfirmation", status.GetProperty("state").GetString());
                await AssertRestoredAsync(serve, committed, round);
                // Nothing trades before a person confirms.
                await Task.Delay(400);
                Assert.Equal(committed.Trades.Count, (await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32());
                Assert.Equal("Running", (await serve.PostAsync("/api/recovery/confirm")).GetProperty("state").GetString());
            }

            var until = DateTime.UtcNow.AddMilliseconds(crashAt > 0 ? 20_000 : random.Next(300, 2_500));
            while (DateTime.UtcNow < until && !serve.HasExited)
                await Task.Delay(20);
            Assert.True(crashAt == 0 || serve.HasExited, $"round {round}: the crash point booking:{crashAt} was not reached");
            serve.Kill();
            committed = ReadCommitted(dataDir);
        }
        Assert.True(committed!.Trades.Count > 50, $"the rounds traded ({committed.Trades.Count} trades)");
    }

    private static async Task AssertRestoredAsync(ServeProcess serve, Committed committed, int round)
    {
        var trades = await serve.TradesAsync();
        var restored = trades.Select(t => (t.GetProperty("tradeId").GetInt64(), t.GetProperty("exchangeTradeId").GetString()!,
            t.GetProperty("amount").GetDecimal(), t.GetProperty("price").GetDecimal())).ToList();
        Assert.Equal(committed.Trades, restored);
        Assert.Equal(restored.Count, restored.Select(t => t.Item2).Distinct().Count());

        var verify = await serve.GetAsync("/api/ledger/verify");
        Assert.Equal(0, verify.GetProperty("mismatched").GetInt32());
        Assert.Equal(0, verify.GetProperty("duplicates").GetInt32());
        Assert.Equal(committed.Trades.Count, verify.GetProperty("publicRecords").GetInt32());
        Assert.Equal(committed.Trades.Count, verify.GetProperty("privateRecords").GetInt32());

        foreach (var (id, agent) in committed.Agents)
        {
            var detail = await serve.GetAsync($"/api/agents/{id}");
            var summary = detail.GetProperty("agent");
            Assert.True(agent.Trades == summary.GetProperty("trades").GetInt32(), $"round {round}: agent {id} trades");
            Assert.Equal(agent.RoundTrips, detail.GetProperty("roundTrips").GetInt32());
            Assert.Equal(agent.Wins, detail.GetProperty("wins").GetInt32());
            // Alive or dead as committed (the life stage moves with market time, which runs on while awaiting confirmation).
            Assert.Equal(agent.Stage == "Dead", summary.GetProperty("stage").GetString() == "Dead");
            Assert.Equal(committed.Capital[id], summary.GetProperty("capital").GetDecimal());
        }
        var recovery = await serve.GetAsync("/api/recovery");
        Assert.False(recovery.GetProperty("freshStart").GetBoolean());
        Assert.True(recovery.GetProperty("decisionRequired").GetBoolean());
        Assert.Equal(committed.Trades.Count, recovery.GetProperty("counts").GetProperty("publicLedgerRecords").GetInt32());
    }

    [Fact]
    public async Task SIGTERM_finishes_the_cycle_saves_and_exits_0_and_the_restart_finds_everything()
    {
        var dataDir = TempFolder.Create();
        int trades;
        long cycleBeforeStop;
        await using (var serve = ServeProcess.Start(dataDir, barsPerSecond: 200))
        {
            await serve.ReadyAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32() < 20)
            {
                Assert.True(DateTime.UtcNow < deadline, "no trades within 60 s");
                await Task.Delay(100);
            }
            cycleBeforeStop = (await serve.GetAsync("/api/status")).GetProperty("cycle").GetInt64();
            Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        var committed = ReadCommitted(dataDir);
        trades = committed.Trades.Count;
        using (var reader = StoreReader.Open(dataDir))
        {
            // The graceful stop's last checkpoint carries the engine's final state: nothing is left to replay but it.
            var loaded = reader.Load();
            Assert.Equal(trades, loaded.Records.Count);
            Assert.True(loaded.State.Supervisor.Cycle >= cycleBeforeStop, $"saved cycle {loaded.State.Supervisor.Cycle} >= {cycleBeforeStop}");
        }

        await using (var again = ServeProcess.Start(dataDir, barsPerSecond: 200))
        {
            var status = await again.ReadyAsync();
            Assert.Equal("AwaitingConfirmation", status.GetProperty("state").GetString());
            await AssertRestoredAsync(again, committed, 0);
        }
    }

    [Fact]
    public async Task Serve_with_a_duration_stops_by_itself_gracefully()
    {
        var dataDir = TempFolder.Create();
        await using var serve = ServeProcess.Start(dataDir, barsPerSecond: 50, environment: null, "--duration", "3");
        await serve.ReadyAsync();
        Assert.Equal(0, await serve.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        using var reader = StoreReader.Open(dataDir);
        Assert.True(reader.HasSavedState);
    }
}
