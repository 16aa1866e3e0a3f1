using Microsoft.Extensions.Options;
using Prometheus.Web.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Prometheus.Web.Hosting;

/// <summary>
/// Serilog (Serilog.AspNetCore) behind Microsoft.Extensions.Logging: the console for a person, and a daily rolling JSON
/// file in &lt;DataDir&gt;/logs for later reading. Levels come from the "Serilog" configuration section. One line per
/// request (<see cref="UsePrometheusRequestLogging"/>) replaces the framework's own request lines.
/// </summary>
public static class PrometheusLogging
{
    /// <summary>The health probe: polled every few seconds, so its request lines are Debug.</summary>
    public const string HealthPath = "/healthz";

    public static WebApplicationBuilder AddPrometheusLogging(this WebApplicationBuilder builder)
    {
        // The path only: the file (and its folders) are made with the first line logged, so building the host writes nothing.
        var logFile = Path.Combine(DataDirectory.PathOf(builder.Configuration), "logs", "prometheus-.log");
        var logger = ReadLevels(builder.Configuration)
            // The framework's request lines carry the whole URL, query string and all (a dashboard link's ?token=):
            // the request log below replaces them, so they stay off whatever the configured default level.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            // The file sink runs on a background thread so a slow disk never holds up a request.
            .WriteTo.Async(sink => sink.File(
                new JsonFormatter(renderMessage: true),
                logFile,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31))
            .CreateLogger();

        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: true);
        // The request log writes to this logger, not to Serilog's static Log.Logger (several hosts share a test process).
        builder.Services.AddSingleton(new RequestLogger(logger));
        return builder;
    }

    /// <summary>
    /// One line per request: method, path, status, time. The path is logged without its query string (Serilog's
    /// default, stated here because the query may hold the admin token); health probes at Debug.
    /// </summary>
    public static WebApplication UsePrometheusRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<RequestLogger>().Logger;
            options.IncludeQueryInRequestPath = false;
            options.GetLevel = RequestLevel;
        });
        return app;
    }

    internal static LogEventLevel RequestLevel(HttpContext context, double elapsedMs, Exception? failure) =>
        failure is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : context.Request.Path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Debug
        : LogEventLevel.Information;

    /// <summary>The "Serilog" section; a bad level there is a configuration error like any other.</summary>
    private static LoggerConfiguration ReadLevels(IConfiguration configuration)
    {
        try
        {
            return new LoggerConfiguration().ReadFrom.Configuration(configuration);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new OptionsValidationException("Serilog", typeof(LoggerConfiguration), [$"Serilog: {e.Message}"]);
        }
    }

    private sealed record RequestLogger(Serilog.ILogger Logger);
}
