using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus.Web.Components;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Hubs;
using Prometheus.Web.Security;
using MudBlazor;
using MudBlazor.Services;

namespace Prometheus.Web.Hosting;

/// <summary>
/// The dashboard's wiring: Blazor Server (interactive server render mode, the circuit is SignalR), MudBlazor, the event
/// pump and its hub, the controls, sign-in. Every page, the hub and every control need a signed-in person.
/// </summary>
public static class DashboardHostExtensions
{
    public static WebApplicationBuilder AddPrometheusDashboard(this WebApplicationBuilder builder)
    {
        // The pages' files (wwwroot, MudBlazor's, the framework's blazor.web.js) as built: a published app has them in wwwroot; a build run with `dotnet run`
        // or from bin/ finds them through the static web assets manifest, which ASP.NET reads only in Development unless
        // asked. A no-op when there is no manifest (publish).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices(mud =>
        {
            // A control's outcome: on screen long enough to read; a refusal stays until it is closed.
            mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.VisibleStateDuration = 8_000;
            mud.SnackbarConfiguration.ShowCloseIcon = true;
            mud.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddSignalR();
        services.AddPrometheusSignIn();

        services.AddSingleton<EngineEvents>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineEvents>());
        services.AddHostedService<EngineHubBroadcaster>();
        services.AddSingleton<ControlOutcomes>();
        services.AddSingleton<DashboardControls>();
        services.AddSingleton<TradeQueries>();
        services.AddSingleton<PaperCandles>();
        services.AddPrometheusResearch();
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
