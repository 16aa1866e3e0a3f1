using Microsoft.Extensions.Options;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>A bad configuration value stops the host before it serves, with one line naming the key and range.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Serve_with_a_bad_value_exits_2_naming_the_key_and_range()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Agents:Initial"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Prometheus:Agents:Initial must be between 1 and 1000 (was 0)"], result.ErrorLines);
    }

    [Fact]
    public async Task Without_a_verb_the_host_is_served_and_validated_the_same_way()
    {
        var result = await CliRunner.RunAsync(["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Exchange:Simulated:MaxLeverage"] = "500" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Prometheus:Exchange:Simulated:MaxLeverage must be between 1 and 125 (was 500)"], result.ErrorLines);
    }

    [Fact]
    public async Task A_host_argument_is_configuration_too()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--Prometheus:Paper:BarsPerSecond=0"], overrides: null);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Prometheus:Paper:BarsPerSecond must be between 0.01 and 10000 (was 0)"], result.ErrorLines);
    }

    [Fact]
    public async Task An_unconvertible_value_exits_2_naming_the_key()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Risk:MaxLeverage"] = "high" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("'Prometheus:Risk:MaxLeverage'", line);
    }

    [Fact]
    public async Task The_host_itself_refuses_to_start_with_a_bad_value()
    {
        await using var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"],
            CliRunner.WithTempDataDir(new Dictionary<string, string?> { ["Prometheus:Agents:Initial"] = "0" }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal("Prometheus:Agents:Initial must be between 1 and 1000 (was 0)", error.Message);
    }

    [Fact]
    public async Task A_bad_log_level_exits_2_naming_the_section()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Loud" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: Serilog: ", line);
        Assert.Contains("Loud", line);
    }
}
