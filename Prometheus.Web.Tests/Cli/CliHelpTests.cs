namespace Prometheus.Web.Tests.Cli;

public sealed class CliHelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_verb_and_exits_0(string flag)
    {
        var result = await CliRunner.RunAsync(flag);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        foreach (var verb in new[] { "serve", "backtest", "bench", "healthcheck" })
            Assert.Contains(verb, result.Out);
    }

    [Theory]
    [InlineData("backtest", "--data", "--agents", "--seed", "--from", "--to", "--out")]
    [InlineData("bench", "--data", "--agents", "--out")]
    [InlineData("healthcheck", "--url", "--timeout")]
    [InlineData("serve", "--urls")]
    public async Task Verb_help_lists_its_options_and_exits_0(string verb, params string[] options)
    {
        var result = await CliRunner.RunAsync(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        foreach (var option in options)
            Assert.Contains(option, result.Out);
    }

    [Fact]
    public async Task Help_wins_over_other_arguments_of_the_verb()
    {
        var result = await CliRunner.RunAsync("backtest", "--agents", "0", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--agents", result.Out);
    }
}
