using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Risk;

/// <summary>Pre-trade, agent and system risk limits. Section: Prometheus:Risk.</summary>
public sealed class RiskOptions : IValidatable
{
    public const string Section = "Prometheus:Risk";

    /// <summary>Largest position notional as a share of the agent's equity (times leverage for swaps).</summary>
    public decimal MaxPositionPercent { get; set; } = 1.0m;

    public decimal MaxLeverage { get; set; } = 3m;

    /// <summary>Leverage the Supervisor sets on swap positions (both sides) at start.</summary>
    public decimal SwapLeverage { get; set; } = 2m;

    /// <summary>Smallest order notional in USDT.</summary>
    public decimal MinOrderNotional { get; set; } = 5m;

    /// <summary>Largest order notional in USDT.</summary>
    public decimal MaxOrderNotional { get; set; } = 1_000_000m;

    /// <summary>Open positions allowed per agent (each instrument side counts once).</summary>
    public int MaxOpenPositions { get; set; } = 2;

    /// <summary>Orders the whole system may place per UTC day.</summary>
    public int MaxDailyTrades { get; set; } = 10_000;

    /// <summary>A loss of this share of the day's opening equity halts trading until the next UTC day.</summary>
    public decimal MaxDailyLossPercent { get; set; } = 0.10m;

    /// <summary>A drawdown of this share from the equity peak halts trading (circuit breaker).</summary>
    public decimal MaxDrawdownPercent { get; set; } = 0.50m;

    /// <summary>A drawdown of this share from the peak switches to Reducing (only exposure-reducing orders).</summary>
    public decimal ReducingDrawdownPercent { get; set; } = 0.35m;

    /// <summary>
    /// After this long in Reducing, the Reducing threshold is measured from the equity then (the circuit breaker
    /// keeps the all-time peak): a flat book cannot earn its way out of Reducing, so it must not stay there for ever.
    /// </summary>
    public double ReducingCooldownHours { get; set; } = 24;

    /// <summary>
    /// The portfolio limit: every agent's positions on every instrument, counted positive, at most this many times the
    /// book's equity. Crypto against USDT moves together, so all instruments are one correlated bucket.
    /// </summary>
    public decimal MaxGrossExposure { get; set; } = 3m;

    /// <summary>The portfolio limit on direction: |longs − shorts| across instruments at most this many times the book's equity.</summary>
    public decimal MaxNetExposure { get; set; } = 2m;

    /// <summary>No position is held longer than this.</summary>
    public double MaxHoldingHours { get; set; } = 24 * 7;

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:MaxPositionPercent", MaxPositionPercent, 0.01m, 1m)
            .Concat(Check.Range($"{Section}:MaxLeverage", MaxLeverage, 1m, 125m))
            .Concat(Check.Range($"{Section}:SwapLeverage", SwapLeverage, 1m, MaxLeverage))
            .Concat(Check.Range($"{Section}:MinOrderNotional", MinOrderNotional, 0m, MaxOrderNotional))
            .Concat(Check.Range($"{Section}:MaxOrderNotional", MaxOrderNotional, MinOrderNotional, 1_000_000_000m))
            .Concat(Check.Range($"{Section}:MaxOpenPositions", MaxOpenPositions, 1, 4))
            .Concat(Check.Range($"{Section}:MaxDailyTrades", MaxDailyTrades, 1, 10_000_000))
            .Concat(Check.Range($"{Section}:MaxDailyLossPercent", MaxDailyLossPercent, 0.001m, 1m))
            .Concat(Check.Range($"{Section}:MaxDrawdownPercent", MaxDrawdownPercent, 0.01m, 1m))
            .Concat(Check.Range($"{Section}:ReducingDrawdownPercent", ReducingDrawdownPercent, 0.01m, MaxDrawdownPercent))
            .Concat(Check.Range($"{Section}:ReducingCooldownHours", ReducingCooldownHours, 0.1, 24 * 365))
            .Concat(Check.Range($"{Section}:MaxHoldingHours", MaxHoldingHours, 0.1, 24 * 365))
            .Concat(Check.Range($"{Section}:MaxGrossExposure", MaxGrossExposure, 0.01m, 100m))
            .Concat(Check.Range($"{Section}:MaxNetExposure", MaxNetExposure, 0.01m, MaxGrossExposure));
}
