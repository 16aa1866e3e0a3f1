namespace Prometheus.Web.Tests.Cli;

/// <summary>The verbs read the same configuration as the host and stop on a bad value with the same line.</summary>
public sealed class CliConfigurationTests
{
    [Theory]
    [InlineData("backtest")]
    [InlineData("bench")]
    public async Task A_bad_engine_value_stops_the_verb_naming_the_key_and_range(string verb)
    {
        var result = await CliRunner.RunAsync([verb],
            new Dictionary<string, string?> { ["Prometheus:Agents:Initial"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Prometheus:Agents:Initial must be between 1 and 1000 (was 0)"], result.ErrorLines);
    }

    [Fact]
    public async Task Several_bad_values_are_reported_on_one_line()
    {
        var result = await CliRunner.RunAsync(["backtest"], new Dictionary<string, string?>
        {
            ["Prometheus:Agents:Initial"] = "0",
            ["Prometheus:Risk:MaxOpenPositions"] = "9",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["error: Prometheus:Agents:Initial must be between 1 and 1000 (was 0); Prometheus:Risk:MaxOpenPositions must be between 1 and 4 (was 9)"],
            result.ErrorLines);
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_names_the_key()
    {
        var result = await CliRunner.RunAsync(["backtest"],
            new Dictionary<string, string?> { ["Prometheus:Evolution:MutationRate"] = "lots" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains("'Prometheus:Evolution:MutationRate'", line);
    }

    [Fact]
    public async Task A_misspelt_key_is_an_error_not_a_silent_default()
    {
        var result = await CliRunner.RunAsync(["bench"],
            new Dictionary<string, string?> { ["Prometheus:Agents:Intial"] = "20" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: Prometheus:Agents:Intial is not a known setting (known: Initial, Max,", line);
    }
}
