namespace Prometheus.Web.Hosting;

/// <summary>Builds the web host the `serve` verb runs (and the tests start).</summary>
public static class PrometheusHost
{
    /// <param name="args">Host arguments: --urls, --environment, --Some:Key=value ...</param>
    /// <param name="overrides">Configuration values above every other source (tests).</param>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        // The executable's folder, not the working directory: appsettings.json and data/ live there.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The dashboard's static files are found by this name (Prometheus.Web.staticwebassets.*.json), also when the
            // host is built inside another process (the browser tests).
            ApplicationName = typeof(PrometheusHost).Assembly.GetName().Name,
        });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        builder.Configuration.AddInMemoryCollection(Configuration.PaperDefaults.For(builder.Configuration));
        builder.AddPrometheus();

        var app = builder.Build();
        app.MapPrometheus();
        return app;
    }
}
