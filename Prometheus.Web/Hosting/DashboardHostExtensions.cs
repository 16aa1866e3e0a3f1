using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus.Web.Components;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Hubs;
using Prometheus.Web.Security;
using Radzen;

namespace Prometheus.Web.Hosting;

/// <summary>
/// The dashboard's wiring: Blazor Server (interactive server render mode, the circuit is SignalR), Radzen, the event
/// pump and its hub, the controls, sign-in. Every page, the hub and every control need a signed-in person.
/// </summary>
public static class DashboardHostExtensions
{
    public static WebApplicationBuilder AddPrometheusDashboard(this WebApplicationBuilder builder)
    {
        // The pages' files (wwwroot, Radzen's) as built: a published app has them in wwwroot; a build run with `dotnet run`
        // or from bin/ finds them through the static web assets manifest, which ASP.NET reads only in Development unless
        // asked. A no-op when there is no manifest (publish).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddRadzenComponents();
        services.AddSignalR();
        services.AddPrometheusSignIn();

        services.AddSingleton<EngineEvents>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineEvents>());
        services.AddHostedService<EngineHubBroadcaster>();
        services.AddSingleton<ControlOutcomes>();
        services.AddSingleton<DashboardControls>();
        services.AddSingleton<TradeQueries>();
        services.AddSingleton<PaperCandles>();
        // Until reconciliation is merged; its own registration (made before this one, or replacing it) wins.
        services.TryAddSingleton<EngineReconciliation>();
        services.TryAddSingleton<IOrphanDesk>(sp => sp.GetRequiredService<EngineReconciliation>());
        services.TryAddSingleton<IRecoveryDecisions>(sp => sp.GetRequiredService<EngineReconciliation>());
        return builder;
    }

    /// <summary>
    /// Headers that keep the pages out of frames and other sites' reach. Set as the response starts, so that an answer
    /// the exception handler writes (it clears the response first) carries them too. Before anything that writes a response.
    /// </summary>
    public static WebApplication UseDashboardHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
                    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    public static WebApplication MapPrometheusDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapPrometheusSignIn();
        app.MapDashboardControls();
        app.MapHub<EngineHub>(EngineHub.Path).RequireAuthorization();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
        return app;
    }
}
