using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>Pricing and account rules of the simulated exchange. Section: Prometheus:Exchange:Simulated.</summary>
public sealed class SimulatedExchangeOptions : IValidatable
{
    public const string Section = "Prometheus:Exchange:Simulated";

    /// <summary>USDT the simulated account starts with.</summary>
    public decimal InitialBalance { get; set; } = 100_000m;

    /// <summary>Slippage paid on every market order, in basis points, before the size term.</summary>
    public decimal BaseSlippageBps { get; set; } = 1m;

    /// <summary>Extra slippage in basis points for an order the size of the whole bar's volume (scaled linearly).</summary>
    public decimal ImpactBpsPerBarVolume { get; set; } = 100m;

    /// <summary>
    /// Upper bound of a seeded random extra slippage in basis points (uniform in [0, this]), drawn from the
    /// injected <see cref="Random"/> so the same seed gives the same prices. 0 makes pricing fully predictable.
    /// </summary>
    public decimal RandomSlippageBps { get; set; } = 0.5m;

    /// <summary>Largest share of a bar's volume one order may take; a market order above it fills partially, the rest is cancelled.</summary>
    public decimal MaxBarParticipation { get; set; } = 0.10m;

    /// <summary>Default leverage of swap positions.</summary>
    public decimal DefaultLeverage { get; set; } = 3m;

    public decimal MaxLeverage { get; set; } = 100m;

    public SimulatedExchangeOptions Clone() => (SimulatedExchangeOptions)MemberwiseClone();

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:InitialBalance", InitialBalance, 1m, 1_000_000_000m)
            .Concat(Check.Range($"{Section}:BaseSlippageBps", BaseSlippageBps, 0m, 1000m))
            .Concat(Check.Range($"{Section}:ImpactBpsPerBarVolume", ImpactBpsPerBarVolume, 0m, 10_000m))
            .Concat(Check.Range($"{Section}:RandomSlippageBps", RandomSlippageBps, 0m, 1000m))
            .Concat(Check.Range($"{Section}:MaxBarParticipation", MaxBarParticipation, 0.001m, 1m))
            .Concat(Check.Range($"{Section}:DefaultLeverage", DefaultLeverage, 1m, MaxLeverage))
            .Concat(Check.Range($"{Section}:MaxLeverage", MaxLeverage, 1m, 125m));
}
