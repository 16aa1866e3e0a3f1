using Microsoft.Extensions.Configuration;
using Prometheus.Engine.Agents;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Configuration;

public sealed class ValidatorTests
{
    [Fact]
    public void Valid_options_succeed()
    {
        var result = new ValidatableOptionsValidator<AgentOptions>().Validate(null, new AgentOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Every_failure_is_reported_with_its_key()
    {
        var result = new ValidatableOptionsValidator<AgentOptions>().Validate(null, new AgentOptions { Initial = 0, LastStandHours = -1 });

        Assert.True(result.Failed);
        Assert.Equal(
            ["Prometheus:Agents:Initial must be between 1 and 1000 (was 0)", "Prometheus:Agents:LastStandHours must be between 0.01 and 8760 (was -1)"],
            result.Failures);
    }

    [Fact]
    public void Unknown_keys_are_named_in_full_and_case_does_not_matter()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prometheus:Agents:initial"] = "5",
            ["Prometheus:Agents:Maximum"] = "5",
        }).Build();

        var result = new KnownKeysValidator<AgentOptions>(configuration, AgentOptions.Section).Validate(null, new AgentOptions());

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Prometheus:Agents:Maximum is not a known setting", failure);
    }

    [Fact]
    public void Paper_data_must_exist()
    {
        var errors = new PaperOptions { Data = "/no/such/candles.csv.gz" }.Validate().ToList();

        Assert.Equal(["Prometheus:Paper:Data must name an existing candle file (not found: /no/such/candles.csv.gz)"], errors);
    }

    [Fact]
    public void Data_dir_is_created_when_missing()
    {
        var folder = Path.Combine(TempFolder.Create(), "nested", "prometheus");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DataDirectory.Key] = folder })
            .Build();

        Assert.Equal(folder, DataDirectory.Resolve(configuration));
        Assert.True(Directory.Exists(folder));
    }
}
