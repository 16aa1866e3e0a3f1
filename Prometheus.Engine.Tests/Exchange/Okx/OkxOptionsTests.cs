using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

public class OkxOptionsTests
{
    [Fact]
    public void Defaults_are_valid_demo_trading()
    {
        var options = new OkxOptions();

        Assert.Empty(options.Validate());
        Assert.True(options.Demo);
        Assert.False(options.IsLive);
        Assert.Equal("wss://wspap.okx.com:8443/ws/v5/private", options.ResolvedPrivateWsUrl);
        Assert.Equal("https://www.okx.com", options.ResolvedBaseUrl);
    }

    [Fact]
    public void Live_trading_without_AllowLive_is_refused_naming_both_keys()
    {
        var error = Assert.Single(new OkxOptions { Demo = false }.Validate());

        Assert.Contains("Prometheus:Exchange:Okx:Demo", error, StringComparison.Ordinal);
        Assert.Contains("Prometheus:Exchange:Okx:AllowLive", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_trading_needs_both_keys_and_then_uses_the_live_sockets()
    {
        var options = new OkxOptions { Demo = false, AllowLive = true };

        Assert.Empty(options.Validate());
        Assert.True(options.IsLive);
        Assert.Equal("wss://ws.okx.com:8443/ws/v5/business", options.ResolvedBusinessWsUrl);
        Assert.NotEmpty(new OkxOptions { Demo = true, AllowLive = true }.Validate());
    }

    [Theory]
    [InlineData("BaseUrl", "ftp://x")]
    [InlineData("PrivateWsUrl", "http://127.0.0.1:1/ws")]
    [InlineData("MarginMode", "portfolio")]
    [InlineData("CandleBar", "7m")]
    public void Bad_values_are_named(string key, string value)
    {
        var options = new OkxOptions();
        typeof(OkxOptions).GetProperty(key)!.SetValue(options, value);

        Assert.Contains(options.Validate(), e => e.StartsWith($"Prometheus:Exchange:Okx:{key}", StringComparison.Ordinal));
    }

    [Fact]
    public void Okx_mode_needs_credentials()
    {
        var options = new ExchangeOptions { Mode = ExchangeMode.Okx };

        var error = Assert.Single(options.Validate());
        Assert.Contains("ApiKey", error, StringComparison.Ordinal);
        options.Okx = OkxTestKit.Options();
        Assert.Empty(options.Validate());
    }
}
