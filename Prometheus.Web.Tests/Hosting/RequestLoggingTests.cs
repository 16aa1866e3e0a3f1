using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>Serilog's request log: one line a request, never the admin token, health probes at Debug.</summary>
public sealed class RequestLoggingTests
{
    private const string Token = "request-log-token-0123456789";

    [Fact]
    public async Task A_request_is_logged_once_by_its_path_without_the_token_and_health_probes_at_debug()
    {
        var dataDir = TempFolder.Create();
        var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dataDir,
            ["Prometheus:AdminToken"] = Token,
            // The most talkative level: even then the token stays out.
            ["Serilog:MinimumLevel:Default"] = "Debug",
        });
        await app.StartAsync();
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            (await http.GetAsync($"/?token={Token}")).Dispose();
            (await http.GetAsync("/healthz")).Dispose();
            using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            (await http.SendAsync(bearer)).Dispose();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync(); // flushes the file sink
        }

        var lines = Directory.GetFiles(Path.Combine(dataDir, "logs"), "prometheus-*.log").SelectMany(File.ReadAllLines).ToList();
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal));
        var requests = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("Properties", out var p) && p.TryGetProperty("RequestPath", out _) && p.TryGetProperty("StatusCode", out _))
            .Select(e => (Path: e.GetProperty("Properties").GetProperty("RequestPath").GetString(), Level: e.GetProperty("Level").GetString() ?? "Information"))
            .ToList();
        Assert.Contains(("/", "Information"), requests);
        Assert.Contains(("/healthz", "Debug"), requests);
        Assert.Contains(("/api/status", "Information"), requests);
    }
}
