using Microsoft.Extensions.Configuration;
using Prometheus.Web.Engine.ReadOnly;

namespace Prometheus.Web.Tests.Configuration;

public sealed class ReadOnlyOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3601)]
    public void A_refresh_out_of_range_is_refused_naming_the_key(double seconds)
    {
        var errors = new ReadOnlyOptions { RefreshSeconds = seconds }.Validate().ToList();

        Assert.Contains(errors, e => e.StartsWith("Prometheus:ReadOnly:RefreshSeconds must be between 0.2 and 3600", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_refresh_is_valid() => Assert.Empty(new ReadOnlyOptions().Validate());

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void Read_only_is_on_only_when_the_key_says_so(string? value, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Prometheus:ReadOnly:Enabled"] = value }).Build();

        Assert.Equal(expected, ReadOnlyOptions.IsEnabled(configuration));
    }

    [Fact]
    public void The_short_form_Prometheus_ReadOnly_true_turns_it_on_too()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Prometheus:ReadOnly"] = "true" }).Build();

        Assert.True(ReadOnlyOptions.IsEnabled(configuration));
    }

    [Fact]
    public async Task Serve_read_only_with_a_bad_refresh_stops_with_one_line_naming_the_key()
    {
        var dir = TempFolder.Create();

        var result = await CliRunner.RunAsync(["serve", "--read-only", "--urls", "http://127.0.0.1:0", "--Prometheus:ReadOnly:RefreshSeconds=0"],
            new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Prometheus:ReadOnly:RefreshSeconds must be between 0.2 and 3600 (was 0)", result.Error);
        Assert.False(File.Exists(Path.Combine(dir, Prometheus.Engine.Persistence.EngineStore.FileName)));
    }
}
