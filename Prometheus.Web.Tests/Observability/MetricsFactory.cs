using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// The real host in memory with a fast paper market, every request arriving from <see cref="RemoteAddress"/>, a
/// non-loopback address (the in-memory server has none of its own).
/// </summary>
public sealed class MetricsFactory : WebApplicationFactory<Program>
{
    public const string Token = "metrics-admin-token-0123456789";
    public static readonly IPAddress RemoteAddress = IPAddress.Parse("203.0.113.7");

    public string DataDir { get; } = TempFolder.Create();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Prometheus:DataDir", DataDir);
        builder.UseSetting("Prometheus:AdminToken", Token);
        builder.UseSetting("Prometheus:Paper:BarsPerSecond", "400");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromRemoteAddress>());
    }

    public HttpClient Authorized()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async Task<EngineRuntime> StartedAsync()
    {
        using var _ = CreateClient();
        var runtime = Services.GetRequiredService<EngineRuntime>();
        await runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return runtime;
    }

    private sealed class FromRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = RemoteAddress;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
