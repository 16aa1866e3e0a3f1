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
}
