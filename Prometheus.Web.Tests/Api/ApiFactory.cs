using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Api;

/// <summary>The real host in memory with a fast paper market, a known admin token and its own data dir.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string Token = "test-admin-token-0123456789";

    public string DataDir { get; } = TempFolder.Create();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Prometheus:DataDir", DataDir);
        builder.UseSetting("Prometheus:AdminToken", Token);
        builder.UseSetting("Prometheus:Paper:BarsPerSecond", "400");
    }

    public HttpClient Authorized()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Waits until the engine runs (its start reads and writes the data dir).</summary>
    public async Task<EngineRuntime> StartedAsync()
    {
        using var _ = CreateClient();
        var runtime = Services.GetRequiredService<EngineRuntime>();
        await runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return runtime;
    }
}
