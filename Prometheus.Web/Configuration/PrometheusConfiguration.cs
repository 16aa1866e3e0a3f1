using Microsoft.Extensions.Configuration;

namespace Prometheus.Web.Configuration;

/// <summary>
/// The configuration the CLI verbs read: the same sources, in the same order, as the web host's
/// (appsettings.json, appsettings.{Environment}.json, environment variables), all taken from the
/// executable's folder, so `Prometheus__Agents__Initial=20` means the same thing to every verb.
/// </summary>
public static class PrometheusConfiguration
{
    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        // The web host lets ASPNETCORE_ENVIRONMENT win over DOTNET_ENVIRONMENT; so do the verbs.
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (overrides is not null)
            builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }

    /// <summary>The configuration as <c>serve</c> reads it: <see cref="Build"/> with the paper-trading defaults laid over where it is silent.</summary>
    public static IConfigurationRoot BuildAsServe(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var built = Build(overrides);
        return new ConfigurationBuilder().AddConfiguration(built).AddInMemoryCollection(PaperDefaults.For(built)).Build();
    }
}
