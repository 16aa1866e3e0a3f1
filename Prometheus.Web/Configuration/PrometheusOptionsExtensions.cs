using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;
using Prometheus.Web.ExchangeSim;

namespace Prometheus.Web.Configuration;

/// <summary>
/// Every options class bound to its section and validated when the host starts. The CLI verbs use
/// <see cref="LoadEngineOptions"/>, which applies the same binding and the same checks without a host.
/// </summary>
public static class PrometheusOptionsExtensions
{
    public static IServiceCollection AddPrometheusOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidated<MarketOptions>(configuration, MarketOptions.Section);
        services.AddValidated<AgentOptions>(configuration, AgentOptions.Section);
        services.AddValidated<EvolutionOptions>(configuration, EvolutionOptions.Section);
        services.AddValidated<RiskOptions>(configuration, RiskOptions.Section);
        services.AddValidated<MastermindOptions>(configuration, MastermindOptions.Section);
        services.AddValidated<SimulatedExchangeOptions>(configuration, SimulatedExchangeOptions.Section);
        services.AddValidated<BacktestOptions>(configuration, BacktestOptions.Section);
        services.AddValidated<PaperOptions>(configuration, PaperOptions.Section);
        services.AddValidated<PersistenceOptions>(configuration, PersistenceOptions.Section);
        services.AddValidated<StoreOptions>(configuration, StoreOptions.Section);
        services.AddValidated<RecoveryOptions>(configuration, RecoveryOptions.Section);
        services.AddValidated<ExchangeOptions>(configuration, ExchangeOptions.Section);
        services.AddValidated<OkxOptions>(configuration, OkxOptions.Section);
        services.AddValidated<ExchangeSimOptions>(configuration, ExchangeSimOptions.Section);
        services.AddValidated<Engine.ReadOnly.ReadOnlyOptions>(configuration, Engine.ReadOnly.ReadOnlyOptions.Section);
        services.AddValidated<Observability.Alerts.AlertOptions>(configuration, Observability.Alerts.AlertOptions.Section);
        var instruments = InstrumentOptions.Load(configuration);
        services.AddOptions<InstrumentOptions>().Configure(o => o.CopyFrom(instruments)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InstrumentOptions>, ValidatableOptionsValidator<InstrumentOptions>>());

        // The engine is built from one EngineOptions; each part comes out of the validated pipeline.
        services.AddSingleton(sp => new EngineOptions
        {
            Market = sp.GetRequiredService<IOptions<MarketOptions>>().Value,
            Agents = sp.GetRequiredService<IOptions<AgentOptions>>().Value,
            Evolution = sp.GetRequiredService<IOptions<EvolutionOptions>>().Value,
            Risk = sp.GetRequiredService<IOptions<RiskOptions>>().Value,
            Mastermind = sp.GetRequiredService<IOptions<MastermindOptions>>().Value,
            Simulated = sp.GetRequiredService<IOptions<SimulatedExchangeOptions>>().Value,
            Backtest = sp.GetRequiredService<IOptions<BacktestOptions>>().Value,
            Instruments = sp.GetRequiredService<IOptions<InstrumentOptions>>().Value.Catalog,
        });
        return services;
    }

    /// <summary>
    /// The engine's options as the host would see them, checked the same way.
    /// Throws <see cref="OptionsValidationException"/> listing every bad key.
    /// </summary>
    public static EngineOptions LoadEngineOptions(IConfiguration configuration)
    {
        var instruments = InstrumentOptions.Load(configuration);
        var options = new EngineOptions
        {
            Market = OptionsSection.Bind<MarketOptions>(configuration, MarketOptions.Section),
            Agents = OptionsSection.Bind<AgentOptions>(configuration, AgentOptions.Section),
            Evolution = OptionsSection.Bind<EvolutionOptions>(configuration, EvolutionOptions.Section),
            Risk = OptionsSection.Bind<RiskOptions>(configuration, RiskOptions.Section),
            Mastermind = OptionsSection.Bind<MastermindOptions>(configuration, MastermindOptions.Section),
            Simulated = OptionsSection.Bind<SimulatedExchangeOptions>(configuration, SimulatedExchangeOptions.Section),
            Backtest = OptionsSection.Bind<BacktestOptions>(configuration, BacktestOptions.Section),
            Instruments = instruments.Catalog,
        };
        var errors = OptionsSection.UnknownKeys<MarketOptions>(configuration, MarketOptions.Section)
            .Concat(OptionsSection.UnknownKeys<AgentOptions>(configuration, AgentOptions.Section))
            .Concat(OptionsSection.UnknownKeys<EvolutionOptions>(configuration, EvolutionOptions.Section))
            .Concat(OptionsSection.UnknownKeys<RiskOptions>(configuration, RiskOptions.Section))
            .Concat(OptionsSection.UnknownKeys<MastermindOptions>(configuration, MastermindOptions.Section))
            .Concat(OptionsSection.UnknownKeys<SimulatedExchangeOptions>(configuration, SimulatedExchangeOptions.Section))
            .Concat(OptionsSection.UnknownKeys<BacktestOptions>(configuration, BacktestOptions.Section))
            .Concat(instruments.Validate())
            .Concat(instruments.Validate(options))
            .Distinct() // the traded instruments are checked by both
            .ToList();
        if (errors.Count > 0)
            throw new OptionsValidationException(nameof(EngineOptions), typeof(EngineOptions), errors);
        return options;
    }

    private static void AddValidated<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, IValidatable
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ValidatableOptionsValidator<T>>());
        services.AddSingleton<IValidateOptions<T>>(new KnownKeysValidator<T>(configuration, section));
    }
}
