using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Configuration;

/// <summary>Every module's options in one place, as the engine is built from them.</summary>
public sealed class EngineOptions : IValidatable
{
    public MarketOptions Market { get; init; } = new();
    public AgentOptions Agents { get; init; } = new();
    public EvolutionOptions Evolution { get; init; } = new();
    public RiskOptions Risk { get; init; } = new();
    public MastermindOptions Mastermind { get; init; } = new();
    public SimulatedExchangeOptions Simulated { get; init; } = new();
    public BacktestOptions Backtest { get; init; } = new();

    /// <summary>The same options with a population of <paramref name="initial"/> founders (and room for them).</summary>
    public EngineOptions WithPopulation(int initial) => new()
    {
        Market = Market, Evolution = Evolution, Risk = Risk, Mastermind = Mastermind, Simulated = Simulated, Backtest = Backtest,
        Agents = new AgentOptions
        {
            Initial = initial, Max = Math.Max(initial, Agents.Max), LastStandThreshold = Agents.LastStandThreshold,
            LastStandHours = Agents.LastStandHours, BankruptcyThreshold = Agents.BankruptcyThreshold,
            AdolescentAfterDays = Agents.AdolescentAfterDays, MatureAfterDays = Agents.MatureAfterDays, ElderAfterDays = Agents.ElderAfterDays,
        },
    };

    public IEnumerable<string> Validate() =>
        Market.Validate().Concat(Agents.Validate()).Concat(Evolution.Validate())
            .Concat(Risk.Validate()).Concat(Mastermind.Validate()).Concat(Simulated.Validate())
            .Concat(Backtest.Validate());
}
