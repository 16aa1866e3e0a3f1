using Microsoft.Extensions.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>The exchange options at startup: the mode, the live-trading refusal, credentials for OKX mode, exchange-sim's verb.</summary>
public sealed class ExchangeConfigurationTests
{
    [Fact]
    public void Appsettings_names_the_mode_and_only_known_exchange_keys()
    {
        var settings = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();

        Assert.Equal("Simulated", settings["Prometheus:Exchange:Mode"]);
        Assert.Empty(OptionsSection.UnknownKeys<ExchangeOptions>(settings, ExchangeOptions.Section));
        Assert.Empty(settings.GetSection(ExchangeOptions.Section).Get<ExchangeOptions>()!.Validate());
    }

    [Fact]
    public async Task Live_trading_without_AllowLive_stops_startup_naming_both_keys()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Exchange:Okx:Demo"] = "false" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Prometheus:Exchange:Okx:Demo", line, StringComparison.Ordinal);
        Assert.Contains("Prometheus:Exchange:Okx:AllowLive", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Okx_mode_without_credentials_stops_startup()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Exchange:Mode"] = "Okx" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Prometheus:Exchange:Okx:ApiKey", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_mode_or_okx_key_is_refused()
    {
        var mode = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Exchange:Mode"] = "Binance" });
        var typo = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Exchange:Okx:SecretKy"] = "x" });

        Assert.Equal(2, mode.ExitCode);
        Assert.Contains("Prometheus:Exchange:Mode", mode.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Prometheus:Exchange:Okx:SecretKy is not a known setting", typo.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_sim_refuses_a_bad_speed_and_a_missing_candle_file()
    {
        var speed = await CliRunner.RunAsync(["exchange-sim", "--urls", "http://127.0.0.1:0", "--speed", "-1"], null);
        var data = await CliRunner.RunAsync(["exchange-sim", "--urls", "http://127.0.0.1:0", "--data", "/nonexistent/candles.csv.gz"], null);

        Assert.Equal((2, "error: Prometheus:Sim:Speed must be between 0 and 1000000 (was -1)"), (speed.ExitCode, speed.ErrorLines.Single()));
        Assert.Equal(2, data.ExitCode);
        Assert.StartsWith("error: data file not found", data.ErrorLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_sim_is_listed_in_help()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Contains("exchange-sim", result.Out, StringComparison.Ordinal);
    }
}
