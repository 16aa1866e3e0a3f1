using Microsoft.Extensions.Options;
using Prometheus.Web.Configuration;
using Serilog;
using Serilog.Formatting.Json;

namespace Prometheus.Web.Hosting;

/// <summary>
/// Serilog behind Microsoft.Extensions.Logging: the console for a person, and a daily rolling JSON
/// file in &lt;DataDir&gt;/logs for later reading. Levels come from the "Serilog" configuration section.
/// </summary>
public static class PrometheusLogging
{
    public static WebApplicationBuilder AddPrometheusLogging(this WebApplicationBuilder builder)
    {
        // The path only: the file (and its folders) are made with the first line logged, so building the host writes nothing.
        var logFile = Path.Combine(DataDirectory.PathOf(builder.Configuration), "logs", "prometheus-.log");
        var logger = ReadLevels(builder.Configuration)
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
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

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
}
