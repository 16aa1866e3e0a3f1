using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Slippage that grows with the share of the bar's volume an order takes:
/// bps = BaseSlippageBps + ImpactBpsPerBarVolume × (quantity / bar volume) + RandomSlippageBps × u,
/// u uniform in [0, 1] in steps of 1e-6 from the injected <see cref="Random"/> (drawn only when
/// RandomSlippageBps &gt; 0, so the same seed and calls give the same prices). An empty bar has no
/// size term (only outside events trade on one).
/// </summary>
public sealed class VolumeSlippageModel(SimulatedExchangeOptions options, Random random) : ISlippageModel
{
    private const int RandomSteps = 1_000_000;

    public decimal SlippageBps(Instrument instrument, decimal baseQuantity, in Candle bar)
    {
        var bps = options.BaseSlippageBps;
        if (bar.Volume > 0m)
            bps += options.ImpactBpsPerBarVolume * baseQuantity / bar.Volume;
        if (options.RandomSlippageBps > 0m)
            bps += options.RandomSlippageBps * random.Next(RandomSteps + 1) / RandomSteps;
        return bps;
    }
}
