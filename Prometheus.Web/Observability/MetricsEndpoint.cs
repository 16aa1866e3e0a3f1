using System.Net;
using Microsoft.AspNetCore.Authorization;
using Prometheus.Web.Security;

namespace Prometheus.Web.Observability;

/// <summary>
/// GET /metrics in the Prometheus text format (0.0.4). Loopback by default: a client on this machine (a local Prometheus,
/// an agent) reads it without a token; any other address needs the admin token (Authorization: Bearer), as the API
/// does, and gets 401 without it.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";
    public const string Policy = "metrics";
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<IEngineWatcher>(sp => sp.GetRequiredService<EngineMetrics>());
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AdminTokenAuthentication.SchemeName)
            .RequireAssertion(context => context.User.IsInRole(AdminTokenAuthentication.Role)
                || (context.Resource is HttpContext http && IsLoopback(http.Connection.RemoteIpAddress))));
        return services;
    }

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, EngineMetrics metrics, CancellationToken ct) =>
        {
            http.Response.ContentType = ContentType;
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, ct);
        }).RequireAuthorization(Policy);
        return app;
    }

    /// <summary>127.0.0.0/8 or ::1, also when IPv4 comes mapped into IPv6; an unknown address is not loopback.</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
