using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Prometheus.Web.Tests.Cli;

public sealed class HealthcheckVerbTests
{
    [Fact]
    public async Task An_unhealthy_answer_exits_1()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("Unhealthy", statusCode: 503));
        await app.StartAsync();

        var result = await CliRunner.RunAsync("healthcheck", "--url", $"{app.Urls.Single()}/healthz");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"unhealthy: {app.Urls.Single()}/healthz answered 503 Unhealthy"], result.ErrorLines);
    }

    [Fact]
    public async Task Nothing_listening_exits_1()
    {
        var url = $"http://127.0.0.1:{FreePort()}/healthz";

        var result = await CliRunner.RunAsync("healthcheck", "--url", url, "--timeout", "2");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"unhealthy: {url}: ", line);
    }

    [Fact]
    public async Task A_timeout_out_of_range_exits_2()
    {
        var result = await CliRunner.RunAsync("healthcheck", "--timeout", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --timeout must be between 1 and 300 seconds (was 0)"], result.ErrorLines);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
