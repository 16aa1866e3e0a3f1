using Prometheus.Engine.Persistence;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// serve replaying a series per instrument (Prometheus:Paper:Series): BTC spot, the BTC, ETH and SOL swaps trade side by
/// side on the embedded exchange, each at its own coin's prices; a traded coin without a series stops startup naming the key.
/// </summary>
public sealed class PaperSeveralSeriesTests
{
    private static readonly (string Id, string File)[] Swaps =
    [
        ("okx:BTC-USDT-SWAP", "data/btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        ("okx:ETH-USDT-SWAP", "data/eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        ("okx:SOL-USDT-SWAP", "data/sol-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
    ];

    private static Dictionary<string, string?> Settings(string dir, int seriesCount = 3)
    {
        var settings = FourInstruments(seriesCount);
        settings["Prometheus:DataDir"] = dir;
        settings["Prometheus:Paper:BarsPerSecond"] = "400";
        settings["Prometheus:Evolution:Seed"] = "11";
        return settings;
    }

    /// <summary>BTC spot and the three swaps traded, the swaps' 1h mark series replayed (the first <paramref name="seriesCount"/> of them).</summary>
    public static Dictionary<string, string?> FourInstruments(int seriesCount = 3)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Prometheus:Mastermind:Instruments:0"] = "okx:BTC-USDT",
            ["Prometheus:Mastermind:Instruments:1"] = "okx:BTC-USDT-SWAP",
            ["Prometheus:Mastermind:Instruments:2"] = "okx:ETH-USDT-SWAP",
            ["Prometheus:Mastermind:Instruments:3"] = "okx:SOL-USDT-SWAP",
        };
        for (var i = 0; i < seriesCount; i++)
        {
            settings[$"Prometheus:Paper:Series:{i}:Instrument"] = Swaps[i].Id;
            settings[$"Prometheus:Paper:Series:{i}:Data"] = Swaps[i].File;
            settings[$"Prometheus:Paper:Series:{i}:RecordsNoVolume"] = "true";
        }
        return settings;
    }

    [Fact]
    public async Task Serve_trades_the_four_instruments_each_at_its_own_coins_prices()
    {
        var dir = TempFolder.Create();

        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "6"], Settings(dir));

        Assert.True(serve.ExitCode == 0, serve.Error);
        using var reader = StoreReader.Open(dir);
        var trades = reader.Trades();
        var byInstrument = trades.GroupBy(t => t.InstId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(byInstrument.Count >= 3, $"traded: {string.Join(", ", byInstrument.Select(g => $"{g.Key} {g.Value.Count}"))}");
        // 2022-2026: BTC above 15,000, ETH 880..4,900, SOL under 300 USDT.
        foreach (var (instId, fills) in byInstrument)
        {
            var (low, high) = instId.StartsWith("BTC", StringComparison.Ordinal) ? (15_000m, 130_000m)
                : instId.StartsWith("ETH", StringComparison.Ordinal) ? (800m, 5_000m) : (5m, 300m);
            Assert.All(fills, f => Assert.InRange(f.Price, low, high));
        }
    }

    [Fact]
    public async Task A_traded_coin_without_a_series_stops_startup_naming_the_key()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "1"], Settings(TempFolder.Create(), seriesCount: 2));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Prometheus:Mastermind:Instruments: okx:SOL-USDT-SWAP is traded but Prometheus:Paper:Series has no series for it or its coin SOL", result.Error);
    }

    [Fact]
    public async Task Serve_without_a_paper_series_per_coin_stops_naming_the_key_even_when_exchange_sim_has_them()
    {
        var settings = FourInstruments(seriesCount: 0);
        settings["Prometheus:DataDir"] = TempFolder.Create();
        // exchange-sim's replay has a series per coin; paper trading's one file cannot price ETH and SOL.
        settings["Prometheus:Sim:Series:0:Instrument"] = "okx:ETH-USDT-SWAP";
        settings["Prometheus:Sim:Series:0:Data"] = "data/eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz";

        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "1"], settings);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Prometheus:Paper:Series must give a series per coin traded", result.Out + result.Error);
    }
}
