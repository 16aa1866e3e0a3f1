using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Agents;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Configuration;

public sealed class EngineOptionsLoadingTests
{
    private static IConfiguration With(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Values_are_bound_from_each_section()
    {
        var options = PrometheusOptionsExtensions.LoadEngineOptions(With(
            ("Prometheus:Agents:Initial", "20"),
            ("Prometheus:Exchange:Simulated:InitialBalance", "5000"),
            ("Prometheus:Market:RsiPeriod", "21")));

        Assert.Equal(20, options.Agents.Initial);
        Assert.Equal(5000m, options.Simulated.InitialBalance);
        Assert.Equal(21, options.Market.RsiPeriod);
        Assert.Equal(new AgentOptions().Max, options.Agents.Max);
    }

    [Fact]
    public void A_bad_value_throws_the_options_own_message()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PrometheusOptionsExtensions.LoadEngineOptions(With(("Prometheus:Agents:Initial", "0"))));

        Assert.Equal("Prometheus:Agents:Initial must be between 1 and 1000 (was 0)", error.Message);
    }

    [Fact]
    public void Environment_variables_override_appsettings()
    {
        // Process-wide, so a key no other test reads, removed afterwards.
        const string variable = "Prometheus__Evolution__Heroes";
        Environment.SetEnvironmentVariable(variable, "7");
        try
        {
            var options = PrometheusOptionsExtensions.LoadEngineOptions(PrometheusConfiguration.Build());
            Assert.Equal(7, options.Evolution.Heroes);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Overrides_win_over_every_other_source()
    {
        var configuration = PrometheusConfiguration.Build(new Dictionary<string, string?> { ["Prometheus:Agents:Initial"] = "33" });

        Assert.Equal("33", configuration["Prometheus:Agents:Initial"]);
        Assert.Equal("50", configuration["Prometheus:Agents:Max"]); // from appsettings.json
    }

    [Fact]
    public void Describe_recognises_configuration_failures_only()
    {
        var binder = Assert.Throws<InvalidOperationException>(() =>
            With(("Prometheus:Agents:Initial", "many")).GetSection(AgentOptions.Section).Get<AgentOptions>());

        Assert.Contains("'Prometheus:Agents:Initial'", ConfigurationErrors.Describe(binder));
        Assert.Equal("a; b", ConfigurationErrors.Describe(new AggregateException(
            new OptionsValidationException("x", typeof(object), ["a"]),
            new OptionsValidationException("y", typeof(object), ["b"]))));
        Assert.Null(ConfigurationErrors.Describe(new InvalidOperationException("not about configuration")));
        Assert.Null(ConfigurationErrors.Describe(new AggregateException(new IOException("disk"))));
    }
}
