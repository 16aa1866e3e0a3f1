using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Backtest;

/// <summary>How backtests, research and the simulated exchanges price what the data does not say. Section: Prometheus:Backtest.</summary>
public sealed class BacktestOptions : IValidatable
{
    public const string Section = "Prometheus:Backtest";

    /// <summary>
    /// The funding rate per 8 hours charged where OKX's recorded history has no rate for a funding time (0.0001 = 0.01%,
    /// OKX's usual BTC-USDT-SWAP rate). Reports say how many funding times used it.
    /// </summary>
    public decimal DefaultFundingRate { get; set; } = FundingRates.StandardDefaultRate;

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:DefaultFundingRate", DefaultFundingRate, -0.01m, 0.01m);
}
