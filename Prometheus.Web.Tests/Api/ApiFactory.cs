using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Api;

/// <summary>The real host in memory with a fast paper market, a known admin token and its own data dir.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string Token = "test-admin-token-0123456789";

    public string DataDir { get; } = TempFolder.Create();

    /// <summary>Where every request comes from; null leaves the in-memory server's (it has no address of its own).</summary>
    protected virtual IPAddress? RemoteAddress => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Prometheus:DataDir", DataDir);
        builder.UseSetting("Prometheus:AdminToken", Token);
        builder.UseSetting("Prometheus:Paper:BarsPerSecond", "400");
        if (RemoteAddress is { } address)
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(address)));
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

    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
