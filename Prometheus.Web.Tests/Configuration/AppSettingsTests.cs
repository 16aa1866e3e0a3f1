using System.Reflection;
using Microsoft.Extensions.Configuration;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Configuration;

/// <summary>
/// appsettings.json documents every option with its default: it must name every property of every
/// options class, and the value it gives must be the class's own default (so the file never drifts).
/// </summary>
public sealed class AppSettingsTests
{
    private static readonly IConfigurationRoot AppSettings = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: false)
        .Build();

    public static TheoryData<Type, string> OptionsClasses => new()
    {
        { typeof(MarketOptions), MarketOptions.Section },
        { typeof(AgentOptions), AgentOptions.Section },
        { typeof(EvolutionOptions), EvolutionOptions.Section },
        { typeof(RiskOptions), RiskOptions.Section },
        { typeof(MastermindOptions), MastermindOptions.Section },
        { typeof(SimulatedExchangeOptions), SimulatedExchangeOptions.Section },
        { typeof(PaperOptions), PaperOptions.Section },
        { typeof(Prometheus.Engine.Persistence.PersistenceOptions), Prometheus.Engine.Persistence.PersistenceOptions.Section },
        { typeof(Prometheus.Engine.Recovery.RecoveryOptions), Prometheus.Engine.Recovery.RecoveryOptions.Section },
        { typeof(Prometheus.Engine.Exchange.Okx.OkxOptions), Prometheus.Engine.Exchange.Okx.OkxOptions.Section },
        { typeof(Prometheus.Web.ExchangeSim.ExchangeSimOptions), Prometheus.Web.ExchangeSim.ExchangeSimOptions.Section },
        { typeof(Prometheus.Web.Engine.ReadOnly.ReadOnlyOptions), Prometheus.Web.Engine.ReadOnly.ReadOnlyOptions.Section },
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void Every_option_is_in_appsettings_with_its_default(Type type, string section)
    {
        var defaults = Activator.CreateInstance(type)!;
        var bound = AppSettings.GetSection(section).Get(type)!;

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            // A list unset by default (Prometheus:Mastermind:Instruments) stays out: appsettings' entries would be merged
            // index by index with an override's, not replaced by it.
            if (property.PropertyType.IsArray && property.GetValue(defaults) is null) continue;
            Assert.True(AppSettings.GetSection($"{section}:{property.Name}").Exists(), $"{section}:{property.Name} is missing from appsettings.json");
            Assert.Equal(property.GetValue(defaults), property.GetValue(bound));
        }
    }

    [Fact]
    public void Appsettings_has_no_key_an_options_class_does_not_take()
    {
        var errors = OptionsClasses
            .SelectMany(row => (IEnumerable<string>)typeof(OptionsSection).GetMethod(nameof(OptionsSection.UnknownKeys))!
                .MakeGenericMethod((Type)row[0]).Invoke(null, [AppSettings, (string)row[1]])!)
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = PrometheusOptionsExtensions.LoadEngineOptions(AppSettings);

        Assert.Empty(options.Validate());
        Assert.Empty(AppSettings.GetSection(PaperOptions.Section).Get<PaperOptions>()!.Validate());
    }

    [Fact]
    public void Data_dir_defaults_to_empty_and_paper_data_to_the_shipped_file()
    {
        Assert.Equal("", AppSettings[DataDirectory.Key]);
        Assert.Equal(ShippedData.Okx15m, AppSettings["Prometheus:Paper:Data"]);
        Assert.True(File.Exists(ShippedData.Resolve(ShippedData.Okx15m)), "the shipped candles are copied beside the executable");
        Assert.True(File.Exists(ShippedData.Resolve(ShippedData.Binance5m)));
    }
}
