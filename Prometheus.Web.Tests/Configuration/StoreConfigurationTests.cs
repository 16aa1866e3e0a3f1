using Microsoft.Extensions.Configuration;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Configuration;

/// <summary>Prometheus:Store at startup: SQLite by default; an unknown provider, or Postgres without a connection string, stops startup.</summary>
public sealed class StoreConfigurationTests
{
    [Fact]
    public void Appsettings_keeps_SQLite_the_default_with_only_known_keys()
    {
        var settings = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();

        Assert.Equal("Sqlite", settings["Prometheus:Store:Provider"]);
        Assert.Empty(OptionsSection.UnknownKeys<StoreOptions>(settings, StoreOptions.Section));
        var options = settings.GetSection(StoreOptions.Section).Get<StoreOptions>()!;
        Assert.Empty(options.Validate());
        Assert.False(options.Location(Path.GetTempPath()).IsPostgres);
    }

    [Fact]
    public async Task An_unknown_provider_stops_startup_naming_the_key()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Store:Provider"] = "Oracle" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Prometheus:Store:Provider", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_startup_naming_the_key()
    {
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Prometheus:Store:Provider"] = "Postgres" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Prometheus:Store:ConnectionString", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_stops_startup_without_showing_the_password()
    {
        var port = Hosting.ServeProcess.FreePort(); // nothing listens there
        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = TempFolder.Create(),
            ["Prometheus:Store:Provider"] = "Postgres",
            ["Prometheus:Store:ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=prometheus;Username=p;Password=hunter2-secret;Timeout=3",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}/prometheus", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.Out + string.Join('\n', result.ErrorLines), StringComparison.Ordinal);
    }
}
