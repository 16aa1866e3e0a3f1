using Prometheus.Web.Configuration;
using Prometheus.Web.Tests.ExchangeSim;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// `serve` on OKX (Prometheus:Exchange:Mode=Okx) trading BTC spot and the BTC, ETH and SOL swaps against an exchange-sim
/// replaying a series per coin: the engine follows each coin's own OKX bars, aligned by bar time, and fills each
/// instrument at its own coin's prices; the books agree with the exchange.
/// </summary>
public sealed class OkxSeveralCoinsEndToEndTests
{
    private static readonly string[] Four = ["okx:BTC-USDT", "okx:BTC-USDT-SWAP", "okx:ETH-USDT-SWAP", "okx:SOL-USDT-SWAP"];

    [Fact]
    public async Task Serve_on_OKX_trades_each_coin_on_its_own_bars()
    {
        // OKX candles carry volume (a bar with none is one nobody traded, which the engine does not trade on), so each coin
        // replays a series with volume: BTC's traded 15m candles gathered into hours, and ETH and SOL as seeded hourly walks
        // at their own price levels over the same days (the shipped ETH and SOL histories are mark prices, without volume).
        var folder = TempFolder.Create();
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[][] series =
        [
            ["okx:BTC-USDT-SWAP", ShippedData.Resolve(ShippedData.Okx15m)],
            ["okx:ETH-USDT-SWAP", await HourlyWalkAsync(Path.Combine(folder, "eth.csv"), start, 2_000, seed: 1)],
            ["okx:SOL-USDT-SWAP", await HourlyWalkAsync(Path.Combine(folder, "sol.csv"), start, 100, seed: 2)],
        ];
        var simSettings = new Dictionary<string, string?>
        {
            ["Prometheus:Sim:Speed"] = "36000", // an hour's bar every 0.1 s
            ["Prometheus:Sim:Data"] = series[0][1],
        };
        for (var i = 0; i < series.Length; i++)
        {
            simSettings[$"Prometheus:Sim:Series:{i}:Instrument"] = series[i][0];
            simSettings[$"Prometheus:Sim:Series:{i}:Data"] = series[i][1];
            simSettings[$"Prometheus:Sim:Series:{i}:Bar"] = "1H";
        }
        for (var i = 0; i < Four.Length; i++)
            simSettings[$"Prometheus:Mastermind:Instruments:{i}"] = Four[i];
        await using var sim = await SimServerKit.StartAsync(extra: simSettings);

        string[] okx =
        [
            .. sim.ServeOkxArgs(),
            "--Prometheus:Exchange:Okx:CandleBar=1H",
            "--Prometheus:Market:RegimeWindowDays=1",
            "--Prometheus:Agents:Initial=30",
            .. Four.Select((id, i) => $"--Prometheus:Mastermind:Instruments:{i}={id}"),
        ];

        await using var serve = ServeProcess.Start(TempFolder.Create(), barsPerSecond: 2, environment: null, okx);
        var status = await serve.ReadyAsync(TimeSpan.FromSeconds(90));
        Assert.Equal("Running", status.GetProperty("state").GetString());
        var deadline = DateTime.UtcNow.AddSeconds(120);
        Dictionary<string, List<decimal>> prices;
        while (true)
        {
            var fills = await serve.GetAsync("/api/trades?take=1000");
            prices = fills.GetProperty("items").EnumerateArray().GroupBy(f => f.GetProperty("instId").GetString()!)
                .ToDictionary(g => g.Key, g => g.Select(f => f.GetProperty("price").GetDecimal()).ToList());
            if (prices.ContainsKey("ETH-USDT-SWAP") && prices.ContainsKey("SOL-USDT-SWAP")) break;
            Assert.True(DateTime.UtcNow < deadline, $"traded in 120 s: {string.Join(", ", prices.Select(p => $"{p.Key} {p.Value.Count}"))}\n{serve.Output}");
            await Task.Delay(300);
        }

        // BTC in 2023 above 15,000; the ETH walk within 1,200..3,000, SOL's within 60..150 USDT.
        foreach (var (instId, at) in prices)
        {
            var (low, high) = instId.StartsWith("BTC", StringComparison.Ordinal) ? (15_000m, 130_000m)
                : instId.StartsWith("ETH", StringComparison.Ordinal) ? (1_200m, 3_000m) : (60m, 150m);
            Assert.All(at, p => Assert.InRange(p, low, high));
        }
        var verify = await serve.GetAsync("/api/ledger/verify");
        Assert.Equal(0, verify.GetProperty("mismatched").GetInt32());
        Assert.Equal(0, verify.GetProperty("duplicates").GetInt32());
    }

    /// <summary>90 days of hourly candles near <paramref name="level"/> USDT from <paramref name="start"/>, a seeded random walk with volume.</summary>
    private static async Task<string> HourlyWalkAsync(string path, DateTimeOffset start, double level, int seed)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder("ts,open,high,low,close,volume\n");
        var close = level;
        for (var h = 0; h < 90 * 24; h++)
        {
            var open = close;
            close = Math.Clamp(open * (1 + (random.NextDouble() - 0.5) * 0.03), level * 0.6, level * 1.5);
            var high = Math.Max(open, close) * 1.004;
            var low = Math.Min(open, close) * 0.996;
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{start.AddHours(h).ToUnixTimeMilliseconds()},{open:0.00},{high:0.00},{low:0.00},{close:0.00},{100_000 + random.Next(50_000)}\n");
        }
        await File.WriteAllTextAsync(path, text.ToString());
        return path;
    }

}
