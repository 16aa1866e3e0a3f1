using Prometheus.Engine.Market;
using Prometheus.Web.Tests.Hosting;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// A seeded fuzz of exchange-sim over loopback, REST and WebSocket at once (<see cref="SimFuzzer"/>): no answer is a
/// 5xx or leaves OKX's envelope, no socket drops, and the state it leaves passes <see cref="SimStateCheck"/> (balances
/// replay from the fills, no order answered one way and booked another, no orphaned algo) — also after the server is
/// killed (SIGKILL) and restarted on the same data dir.
/// </summary>
public sealed class ExchangeSimFuzzTests
{
    private const int Seed = 20_240_601;
    private const decimal InitialBalance = 100_000m;

    [Fact]
    public async Task Fuzzing_REST_and_WebSocket_finds_no_5xx_no_dropped_socket_and_a_state_that_replays_from_its_fills()
    {
        await using var kit = await SimServerKit.StartAsync(time: new FastTimestampClock(50));
        kit.Server.PushBar(new Candle(0, 40_000m, 40_005m, 39_995m, 40_000m, 100m));
        var fuzzer = new SimFuzzer(kit.BaseUrl, Seed);

        await Task.WhenAll(
            fuzzer.RunRestAsync(1_400, random => fuzzer.Price = PushBar(kit, random, fuzzer.Price)),
            fuzzer.RunWebSocketAsync(500));
        using var client = new SimRawClient(kit.BaseUrl);
        var violations = await SimStateCheck.CheckAsync(client, fuzzer, InitialBalance);
        var algos = kit.Server.Read(_ => kit.Server.Algos.All.ToList());

        Assert.True(fuzzer.Violations.Count == 0, string.Join("\n", fuzzer.Violations.Take(20)));
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(20)));
        Assert.Equal(0, kit.Server.UnexpectedFailures);
        // No orphan: the algos are exactly those of orders answered as placed with one.
        var expected = fuzzer.Placed.Where(p => p.Value).Select(p => p.Key).ToHashSet();
        var orphans = algos.Where(a => !expected.Contains(a.ParentClOrdId)).Select(a => a.ParentClOrdId).ToList();
        var missing = expected.Except(algos.Select(a => a.ParentClOrdId)).ToList();
        Assert.True(orphans.Count == 0 && missing.Count == 0, $"orphaned algos of {string.Join(", ", orphans)}; missing algos of {string.Join(", ", missing)}");
        Assert.True(fuzzer.Placed.Count > 100 && fuzzer.Refused.Count > 50 && fuzzer.Cancelled.Count > 5,
            $"the fuzz must exercise both answers: {fuzzer.Placed.Count} placed, {fuzzer.Refused.Count} refused, {fuzzer.Cancelled.Count} cancelled");
    }

    [Fact]
    public async Task The_fuzzed_state_survives_a_kill_and_the_restarted_server_fuzzes_on_with_its_invariants()
    {
        var dataDir = TempFolder.Create();
        var port = ServeProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        string[] args =
        [
            $"--Prometheus:DataDir={dataDir}", "--Prometheus:Sim:Speed=0", $"--Prometheus:Sim:Data={SimServerKit.CandleFile(dataDir)}",
            $"--Prometheus:Sim:ApiKey={SimServerKit.ApiKey}", $"--Prometheus:Sim:SecretKey={SimServerKit.SecretKey}",
            $"--Prometheus:Sim:Passphrase={SimServerKit.Passphrase}", "--Serilog:MinimumLevel:Default=Warning",
        ];
        var fuzzer = new SimFuzzer(url, Seed + 7);
        using var client = new SimRawClient(url);

        var sim = ProgramProcess.Start("exchange-sim", port, args);
        try
        {
            await sim.WaitListeningAsync(url + "/api/v5/public/time");
            await Task.WhenAll(fuzzer.RunRestAsync(300), fuzzer.RunWebSocketAsync(120));
            Assert.Empty(await SimStateCheck.CheckAsync(client, fuzzer, InitialBalance));
            var before = await SimStateCheck.SnapshotAsync(client);

            sim.Kill();
            sim = ProgramProcess.Start("exchange-sim", port, args);
            await sim.WaitListeningAsync(url + "/api/v5/public/time");
            Assert.Equal(before, await SimStateCheck.SnapshotAsync(client));

            await Task.WhenAll(fuzzer.RunRestAsync(300), fuzzer.RunWebSocketAsync(120));
            var violations = await SimStateCheck.CheckAsync(client, fuzzer, InitialBalance);

            Assert.True(fuzzer.Violations.Count == 0, string.Join("\n", fuzzer.Violations.Take(20)));
            Assert.True(violations.Count == 0, string.Join("\n", violations.Take(20)));
            Assert.True(fuzzer.Placed.Count > 20, $"only {fuzzer.Placed.Count} orders placed");
        }
        finally
        {
            sim.Kill();
        }
    }

    /// <summary>A bar within 2% of the last price (now and then an empty one): resting orders fill, algos fire.</summary>
    private static decimal PushBar(SimServerKit kit, Random random, decimal last)
    {
        var close = decimal.Round(last * (1m + 0.02m * (decimal)(random.NextDouble() * 2 - 1)), 1);
        close = Math.Clamp(close, 36_000m, 44_000m);
        var spread = decimal.Round(close * 0.005m * (decimal)random.NextDouble(), 1);
        var volume = random.NextDouble() < 0.1 ? 0m : 100m;
        kit.Server.PushBar(new Candle(0, last, Math.Max(last, close) + spread, Math.Min(last, close) - spread, close, volume));
        return close;
    }
}
