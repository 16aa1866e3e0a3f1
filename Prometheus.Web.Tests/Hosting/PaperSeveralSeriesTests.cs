using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// serve replaying a series per instrument (Prometheus:Paper:Series): BTC spot, the BTC, ETH and SOL swaps trade side by
/// side on the embedded exchange, each at its own coin's prices; a traded coin without a series stops startup naming the key.
/// With nothing configured, serve trades those four on the shipped series (PaperDefaults).
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
        AssertEachAtItsCoinsPrices(byInstrument);
    }

    [Fact]
    public async Task A_traded_coin_without_a_series_stops_startup_naming_the_key()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "1"], Settings(TempFolder.Create(), seriesCount: 2));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Prometheus:Mastermind:Instruments: okx:SOL-USDT-SWAP is traded but Prometheus:Paper:Series has no series for it or its coin SOL", result.Error);
    }

    [Fact]
    public async Task Serve_with_the_default_configuration_trades_btc_spot_and_the_three_swaps_on_hourly_bars()
    {
        var dir = TempFolder.Create();

        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "8"], new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dir,
            ["Prometheus:Paper:BarsPerSecond"] = "400",
            ["Prometheus:Evolution:Seed"] = "11",
        });

        Assert.True(serve.ExitCode == 0, serve.Error);
        using var reader = StoreReader.Open(dir);
        var byInstrument = reader.Trades().GroupBy(t => t.InstId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["BTC-USDT", "BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP"], byInstrument.Keys.Order(StringComparer.Ordinal));
        AssertEachAtItsCoinsPrices(byInstrument);
        // BTC's 15m traded candles are gathered into whole hours to align with ETH's and SOL's 1h mark prices.
        Assert.All(byInstrument["BTC-USDT-SWAP"], f => Assert.Equal(0, f.TimestampMs % 3_600_000));
    }

    [Fact]
    public async Task Naming_one_coins_instruments_replays_the_one_paper_file_at_its_own_15m_interval()
    {
        var dir = TempFolder.Create();

        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "5"], new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dir,
            ["Prometheus:Paper:BarsPerSecond"] = "400",
            ["Prometheus:Evolution:Seed"] = "11",
            ["Prometheus:Mastermind:Instruments:0"] = "okx:BTC-USDT-SWAP",
        });

        Assert.True(serve.ExitCode == 0, serve.Error);
        using var reader = StoreReader.Open(dir);
        var trades = reader.Trades();
        Assert.All(trades, t => Assert.Equal("BTC-USDT-SWAP", t.InstId));
        Assert.Contains(trades, t => t.TimestampMs % 3_600_000 != 0);
    }

    [Fact]
    public async Task A_coin_the_shipped_data_has_no_series_for_stops_startup_naming_the_key()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = TempFolder.Create(),
            ["Prometheus:Instruments:0:Id"] = "okx:DOGE-USDT-SWAP",
            ["Prometheus:Instruments:0:Kind"] = "Swap",
            ["Prometheus:Instruments:0:BaseCcy"] = "DOGE",
            ["Prometheus:Instruments:0:QuoteCcy"] = "USDT",
            ["Prometheus:Instruments:0:CtVal"] = "1000",
            ["Prometheus:Instruments:0:LotSz"] = "0.01",
            ["Prometheus:Instruments:0:MinSz"] = "0.01",
            ["Prometheus:Instruments:0:TickSz"] = "0.00001",
            ["Prometheus:Instruments:0:MaxLeverage"] = "50",
            ["Prometheus:Instruments:0:MakerFeeRate"] = "0.0002",
            ["Prometheus:Instruments:0:TakerFeeRate"] = "0.0005",
            ["Prometheus:Instruments:0:MaintenanceMarginRate"] = "0.01",
            ["Prometheus:Mastermind:Instruments:0"] = "okx:BTC-USDT-SWAP",
            ["Prometheus:Mastermind:Instruments:1"] = "okx:DOGE-USDT-SWAP",
        };

        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "1"], settings);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("okx:DOGE-USDT-SWAP is traded but Prometheus:Paper:Series has no series for it or its coin DOGE", result.Out + result.Error);
    }

    /// <summary>2023-2026: BTC above 15,000, ETH 800..5,000, SOL under 300 USDT.</summary>
    private static void AssertEachAtItsCoinsPrices(Dictionary<string, List<TradeRecord>> byInstrument)
    {
        foreach (var (instId, fills) in byInstrument)
        {
            var (low, high) = instId.StartsWith("BTC", StringComparison.Ordinal) ? (15_000m, 130_000m)
                : instId.StartsWith("ETH", StringComparison.Ordinal) ? (800m, 5_000m) : (5m, 300m);
            Assert.All(fills, f => Assert.InRange(f.Price, low, high));
        }
    }
}
