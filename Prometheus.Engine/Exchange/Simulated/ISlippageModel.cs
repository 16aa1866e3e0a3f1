using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>How far from the last price a taker order trades, in basis points (always a cost, never negative).</summary>
public interface ISlippageModel
{
    /// <param name="instrument">The instrument traded.</param>
    /// <param name="baseQuantity">The quantity taken, in base currency (contracts × ctVal for swaps).</param>
    /// <param name="bar">The last bar of the instrument; its volume is in base currency.</param>
    decimal SlippageBps(Instrument instrument, decimal baseQuantity, in Candle bar);
}
