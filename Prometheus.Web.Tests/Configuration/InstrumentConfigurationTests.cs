using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Prometheus.Web.Tests.Configuration;

/// <summary>
/// Instruments are configuration: one added under Prometheus:Instruments and named in Prometheus:Mastermind:Instruments
/// is traded by a backtest with no change to code; a bad spec or an unknown traded id stops the verb naming the key.
/// </summary>
public sealed class InstrumentConfigurationTests
{
    private static Dictionary<string, string?> Doge(string key = "Prometheus:Instruments:0") => new()
    {
        [$"{key}:Id"] = "okx:DOGE-USDT-SWAP",
        [$"{key}:Kind"] = "Swap",
        [$"{key}:BaseCcy"] = "DOGE",
        [$"{key}:QuoteCcy"] = "USDT",
        [$"{key}:CtVal"] = "1000",
        [$"{key}:LotSz"] = "0.01",
        [$"{key}:MinSz"] = "0.01",
        [$"{key}:TickSz"] = "0.00001",
        [$"{key}:MaxLeverage"] = "50",
        [$"{key}:MakerFeeRate"] = "0.0002",
        [$"{key}:TakerFeeRate"] = "0.0005",
        [$"{key}:MaintenanceMarginRate"] = "0.01",
        ["Prometheus:Mastermind:Instruments:0"] = "okx:DOGE-USDT-SWAP",
    };

    [Fact]
    public async Task An_instrument_added_in_configuration_is_traded_by_a_backtest()
    {
        var folder = TempFolder.Create();
        var data = Path.Combine(folder, "doge-usdt-swap-1h-synthetic.csv");
        await File.WriteAllTextAsync(data, RandomWalk(bars: 24 * 150, seed: 7));
        var output = Path.Combine(folder, "report.json");

        var result = await CliRunner.RunAsync(["backtest", "--data", data, "--agents", "6", "--seed", "3", "--out", output], Doge(),
            TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var traded = Assert.Single(json.RootElement.GetProperty("instruments").EnumerateArray());
        Assert.Equal("okx:DOGE-USDT-SWAP", traded.GetProperty("id").GetString());
        Assert.True(traded.GetProperty("fills").GetInt32() > 0, "the agents traded the configured instrument");
        Assert.True(json.RootElement.GetProperty("trades").GetInt32() > 0);
    }

    [Fact]
    public async Task A_traded_instrument_the_catalog_does_not_know_stops_the_verb_naming_the_key()
    {
        var result = await CliRunner.RunAsync(["backtest"],
            new Dictionary<string, string?> { ["Prometheus:Mastermind:Instruments:0"] = "okx:DOGE-USDT-SWAP" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: Prometheus:Mastermind:Instruments: 'okx:DOGE-USDT-SWAP' is not a known instrument", line);
    }

    [Fact]
    public async Task A_bad_spec_stops_the_verb_naming_the_field()
    {
        var settings = Doge();
        settings["Prometheus:Instruments:0:LotSz"] = "0";
        settings["Prometheus:Instruments:0:Lots"] = "1";

        var result = await CliRunner.RunAsync(["backtest"], settings);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Prometheus:Instruments:0:Lots is not a known setting", line);
        Assert.Contains("Prometheus:Instruments:0:LotSz is required and must be above 0 (was 0)", line);
    }

    [Fact]
    public async Task Traded_instruments_on_two_coins_are_refused_while_one_series_prices_them()
    {
        var result = await CliRunner.RunAsync(["backtest"], new Dictionary<string, string?>
        {
            ["Prometheus:Mastermind:Instruments:0"] = "okx:BTC-USDT-SWAP",
            ["Prometheus:Mastermind:Instruments:1"] = "okx:ETH-USDT-SWAP",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must share one base currency (named: BTC, ETH)", Assert.Single(result.ErrorLines));
    }

    /// <summary>Hourly candles of a coin near 0.1 USDT, a seeded random walk (the header the shipped files use).</summary>
    private static string RandomWalk(int bars, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("ts,open,high,low,close,volume\n");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var close = 0.1;
        for (var i = 0; i < bars; i++)
        {
            var open = close;
            close = Math.Max(0.01, open * (1 + (random.NextDouble() - 0.5) * 0.04));
            var high = Math.Max(open, close) * 1.005;
            var low = Math.Min(open, close) * 0.995;
            text.Append(CultureInfo.InvariantCulture, $"{start + i * 3_600_000L},{open:0.00000},{high:0.00000},{low:0.00000},{close:0.00000},{50_000_000 + random.Next(10_000_000)}\n");
        }
        return text.ToString();
    }
}
