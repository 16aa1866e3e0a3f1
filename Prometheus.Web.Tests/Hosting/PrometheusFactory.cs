using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>The real host through Program's entry point, on the in-memory test server, with its own data folder.</summary>
public sealed class PrometheusFactory : WebApplicationFactory<Program>
{
    public string DataDir { get; } = TempFolder.Create();

    // Settings reach Program as "--Key=value" arguments, parents included ("--Serilog:MinimumLevel="),
    // which would blank a parent's value; so only leaf keys under sections Serilog does not read.
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Prometheus:DataDir", DataDir);
    }
}
