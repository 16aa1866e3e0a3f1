using Prometheus.Web.Hosting;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>The real host on Kestrel (a free loopback port), checked by the healthcheck verb as the container does.</summary>
public sealed class ServeEndToEndTests
{
    [Fact]
    public async Task The_healthcheck_verb_finds_a_running_host_healthy()
    {
        await using var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], CliRunner.WithTempDataDir(null));
        await app.StartAsync();
        var address = app.Urls.Single();

        var result = await CliRunner.RunAsync("healthcheck", "--url", $"{address}/healthz");
        await app.StopAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"healthy: {address}/healthz answered 200 Healthy", result.Out.Trim());
    }

    [Fact]
    public async Task Without_configured_urls_the_host_listens_on_loopback_5000()
    {
        await using var app = PrometheusHost.Build([], CliRunner.WithTempDataDir(null));

        Assert.Equal(PrometheusHostExtensions.DefaultUrl, app.Configuration["urls"]);
    }

    [Fact]
    public async Task Configured_urls_are_kept()
    {
        await using var app = PrometheusHost.Build([], CliRunner.WithTempDataDir(
            new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:5999" }));

        Assert.Equal("http://127.0.0.1:5999", app.Configuration["urls"]);
    }
}
