using System.Text.Json.Serialization;
using Prometheus.Web.Api;
using Prometheus.Web.Configuration;
using Prometheus.Web.Observability;
using Prometheus.Web.Observability.Alerts;
using Prometheus.Web.Security;

namespace Prometheus.Web.Hosting;

/// <summary>
/// The web host's wiring, kept out of Program.cs: configuration and its validation, logging,
/// health checks, the default address, authentication, the dashboard (DashboardHostExtensions), errors as problem
/// details, request limits, and the endpoints. Building the host writes nothing to the data dir.
/// </summary>
public static class PrometheusHostExtensions
{
    /// <summary>Loopback only unless an address is configured: a trading system is not put on the network by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder AddPrometheus(this WebApplicationBuilder builder)
    {
        builder.AddPrometheusLogging();
        builder.Services.AddPrometheusOptions(builder.Configuration);
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Engine.EngineRuntime>();
        builder.Services.AddSingleton<Engine.Commands.IEngineCommands, Engine.Commands.EngineCommandPort>();
        builder.Services.AddSingleton<Engine.EngineResources>();
        // A read-only host watches the store in place of running the engine (serve --read-only).
        if (Engine.ReadOnly.ReadOnlyOptions.IsEnabled(builder.Configuration))
            builder.Services.AddHostedService<Engine.ReadOnly.ReadOnlyWatcher>();
        else
            builder.Services.AddHostedService<Engine.EngineService>();
        builder.Services.AddHostedService<Engine.EngineStatusLogger>();
        builder.Services.AddSingleton<AdminTokenHolder>();
        builder.Services.AddHostedService<DashboardLink>();
        builder.Services.AddPrometheusAuthentication(builder.Configuration);
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddPrometheusAlerts(builder.Configuration);
        builder.AddPrometheusDashboard();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Errors as problem details; what the framework cannot bind is thrown, so BadRequestProblems can name the field.
        builder.Services.AddPrometheusProblems();
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        if (!HasConfiguredAddress(builder.Configuration))
            builder.WebHost.UseUrls(DefaultUrl);
        return builder;
    }

    public static WebApplication MapPrometheus(this WebApplication app)
    {
        app.UseDashboardHeaders();
        app.UsePrometheusRequestLogging();
        app.UseExceptionHandler();
        app.UseApiStatusProblems();
        // Before anything reads a token: an address that has used up its wrong tokens is held off here (429).
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTokenLink();
        app.UseAuthorization();
        // After authorization, so a request without the token is 401 whatever its body; before anything reads a body.
        app.UseDeclaredBodyLimit();
        app.UseBodylessRouteCheck();
        app.UseAntiforgery();
        app.MapHealthChecks(PrometheusLogging.HealthPath);
        app.MapPrometheusMetrics();
        app.MapPrometheusApi();
        app.MapPrometheusDashboard();
        return app;
    }

    /// <summary>--urls, ASPNETCORE_URLS, "Urls", ASPNETCORE_HTTP(S)_PORTS or a Kestrel:Endpoints section.</summary>
    private static bool HasConfiguredAddress(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
