using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// The real `serve` process killed with SIGKILL at random moments, and mid-booking, again and again: after every
/// restart no committed trade or funding share is lost or doubled, public equals private, every agent is as last
/// committed, the engine awaits a person's confirmation and trades nothing before it. On the embedded SQLite store and on
/// PostgreSQL.
/// </summary>
public sealed class CrashRecoveryTests
{
    private sealed record Committed(List<(long TradeId, string ExchangeTradeId, decimal Amount, decimal Price)> Trades,
        Dictionary<int, (int Trades, int RoundTrips, int Wins, string Stage)> Agents, Dictionary<int, (decimal Capital, decimal FundingPaid)> Ledgers,
        List<ExchangeFill> ExchangeFills, int FundingRecords);

    /// <summary>What the engine's store and the exchange's store hold after a kill: the oracle the restart is checked against.</summary>
    private static Committed ReadCommitted(string dataDir, StoreLocation? store = null)
    {
        using var reader = StoreReader.Open(store ?? dataDir);
        using var exchange = SqliteSimulatedExchangeStore.Open(Path.Combine(dataDir, SqliteSimulatedExchangeStore.DefaultFileName));
        return new Committed(
            [.. reader.Trades().Select(t => (t.TradeId, t.ExchangeTradeId, t.Amount, t.Price))],
            reader.Agents().ToDictionary(a => a.Id, a => (a.Trades, a.RoundTrips, a.Wins, a.Stage.ToString())),
            reader.Ledgers().ToDictionary(l => l.AgentId, l => (l.Capital, l.FundingPaid)),
            [.. exchange.Load()?.Fills ?? []],
            reader.Funding().Count);
    }

    [Fact]
    public Task Twenty_kills_at_random_moments_and_mid_booking_lose_and_double_nothing() =>
        KillAgainAndAgainAsync(20, TempFolder.Create(), storeEnvironment: null, store: null);

    /// <summary>The same on PostgreSQL: fewer rounds (it is the same engine), three of them killed between fill and booking.</summary>
    [PostgresFact]
    public async Task On_PostgreSQL_kills_at_random_moments_and_mid_booking_lose_and_double_nothing()
    {
        using var database = new PostgresTestDatabase();
        var dataDir = TempFolder.Create();
        await KillAgainAndAgainAsync(12, dataDir, database.Environment(), database.Location(dataDir));
    }

    /// <summary>A second engine on the same PostgreSQL store and account (another data dir, even another machine) is refused.</summary>
    [PostgresFact]
    public async Task On_PostgreSQL_a_second_engine_on_the_same_account_is_refused()
    {
        using var database = new PostgresTestDatabase();
        await using var first = ServeProcess.Start(TempFolder.Create(), barsPerSecond: 50, database.Environment());
        await first.ReadyAsync();
        await using var second = ServeProcess.Start(TempFolder.Create(), barsPerSecond: 50, database.Environment());
        Assert.Equal(2, await second.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Another Prometheus engine is running on this account", second.Output);
        Assert.DoesNotContain(database.ConnectionString, second.Output);
        Assert.False(first.HasExited);
    }

    private static async Task KillAgainAndAgainAsync(int rounds, string dataDir, Dictionary<string, string>? storeEnvironment, StoreLocation? store)
    {
        var random = new Random(20261129);
        Committed? committed = null;
        for (var round = 0; round < rounds; round++)
        {
            // Every fourth run dies inside a booking's transaction (after the exchange filled, before the commit).
            var crashAt = round % 4 == 3 ? random.Next(1, 25) : 0;
            var environment = new Dictionary<string, string>(storeEnvironment ?? []);
            if (crashAt > 0) environment[CrashPoints.Variable] = $"booking:{crashAt}";
            await using var serve = ServeProcess.Start(dataDir, barsPerSecond: 200, environment);
            // A restore after a kill, reconciled, on a machine running the rest of the suite: once past 60 s on PostgreSQL.
            var status = await serve.ReadyAsync(TimeSpan.FromSeconds(120));

            if (committed is null)
                Assert.Equal("Running", status.GetProperty("state").GetString());
            else
            {
                Assert.Equal("AwaitingConfirmation", status.GetProperty("state").GetString());
                var added = await AssertRestoredAsync(serve, committed, round);
                // Nothing trades before a person confirms.
                await Task.Delay(400);
                Assert.Equal(committed.Trades.Count + added, (await serve.GetAsync("/api/status")).GetProperty("trades").GetInt32());
                Assert.Equal("Running", (await serve.PostAsync("/api/recovery/confirm")).GetProperty("state").GetString());
            }

            var until = DateTime.UtcNow.AddMilliseconds(crashAt > 0 ? 20_000 : random.Next(300, 2_500));
            while (DateTime.UtcNow < until && !serve.HasExited)
                await Task.Delay(20);
            Assert.True(crashAt == 0 || serve.HasExited, $"round {round}: the crash point booking:{crashAt} was not reached");
            serve.Kill();
            committed = ReadCommitted(dataDir, store);
        }
        Assert.True(committed!.Trades.Count > 50, $"the rounds traded ({committed.Trades.Count} trades)");
    }

    /// <summary>
    /// Every committed trade is back, in order, once; the only additions are fills the exchange made that the engine had
    /// not booked when it died (reconciliation's case A), each booked once; every fill of an agent's order is booked
    /// exactly once; public equals private; each agent is as committed, plus what those fills did to it.
    /// </summary>
    private static async Task<int> AssertRestoredAsync(ServeProcess serve, Committed committed, int round)
    {
        var trades = await serve.TradesAsync();
        var restored = trades.Select(t => (t.GetProperty("tradeId").GetInt64(), t.GetProperty("exchangeTradeId").GetString()!,
            t.GetProperty("amount").GetDecimal(), t.GetProperty("price").GetDecimal())).ToList();
        Assert.True(restored.Count >= committed.Trades.Count, $"round {round}: {restored.Count} restored < {committed.Trades.Count} committed");
        Assert.Equal(committed.Trades, restored.Take(committed.Trades.Count));
        Assert.Equal(restored.Count, restored.Select(t => t.Item2).Distinct().Count());
        var added = trades.Skip(committed.Trades.Count).ToList();
        var fills = committed.ExchangeFills.ToDictionary(f => f.TradeId);
        foreach (var trade in added)
        {
            var fill = fills[trade.GetProperty("exchangeTradeId").GetString()!];
            Assert.Equal(fill.ClOrdId, trade.GetProperty("clOrdId").GetString());
            Assert.Equal(fill.Price, trade.GetProperty("price").GetDecimal());
        }
        var booked = restored.Select(t => t.Item2).ToHashSet();
        Assert.All(committed.ExchangeFills.Where(f => f.ClOrdId.StartsWith('p')), f => Assert.Contains(f.TradeId, booked));

        var verify = await serve.GetAsync("/api/ledger/verify");
        Assert.True(verify.GetProperty("consistent").GetBoolean(), $"round {round}: {verify}");
        Assert.Equal(restored.Count, verify.GetProperty("publicRecords").GetInt32());
        Assert.Equal(restored.Count, verify.GetProperty("privateRecords").GetInt32());
        // Every committed funding share is back, in both ledgers.
        Assert.True(verify.GetProperty("fundingRecords").GetInt32() >= committed.FundingRecords, $"round {round}: {verify}");
        Assert.Equal(verify.GetProperty("fundingRecords").GetInt32(), verify.GetProperty("privateFundingRecords").GetInt32());

        foreach (var (id, agent) in committed.Agents)
        {
            var extra = added.Count(t => t.GetProperty("agentId").GetInt32() == id);
            var detail = await serve.GetAsync($"/api/agents/{id}");
            var summary = detail.GetProperty("agent");
            Assert.True(agent.Trades + extra == summary.GetProperty("trades").GetInt32(), $"round {round}: agent {id} trades");
            // Alive or dead as committed (the life stage moves with market time, which runs on while awaiting confirmation).
            Assert.Equal(agent.Stage == "Dead", summary.GetProperty("stage").GetString() == "Dead");
            if (extra > 0) continue;
            Assert.Equal(agent.RoundTrips, detail.GetProperty("roundTrips").GetInt32());
            Assert.Equal(agent.Wins, detail.GetProperty("wins").GetInt32());
            // The market runs on while awaiting confirmation, and funding settled since is paid from capital: capital
            // plus funding paid is as committed (a dead agent's late share is settled by the pool, so its capital is).
            var (capital, fundingPaid) = committed.Ledgers[id];
            var restoredCapital = summary.GetProperty("capital").GetDecimal();
            var restoredFunding = detail.GetProperty("fundingPaid").GetDecimal();
            if (agent.Stage == "Dead")
                Assert.Equal(capital, restoredCapital);
            else
                Assert.Equal(capital + fundingPaid, restoredCapital + restoredFunding);
        }
        var recovery = await serve.GetAsync("/api/recovery");
        Assert.False(recovery.GetProperty("freshStart").GetBoolean());
        Assert.True(recovery.GetProperty("decisionRequired").GetBoolean());
        Assert.Equal(restored.Count, recovery.GetProperty("counts").GetProperty("publicLedgerRecords").GetInt32());
        var missing = recovery.GetProperty("reconciliation").GetProperty("items").EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "MissingFill");
        Assert.Equal(added.Count, missing);
        return added.Count;
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
        // Not polled for readiness first: on a loaded machine three seconds can pass before a poll sees it ready. That it
        // ran is in its store; that it stopped by itself, gracefully, is its exit code.
        Assert.Equal(0, await serve.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        using var reader = StoreReader.Open(dataDir);
        Assert.True(reader.HasSavedState);
    }
}
