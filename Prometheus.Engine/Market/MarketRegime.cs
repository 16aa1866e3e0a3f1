namespace Prometheus.Engine.Market;

/// <summary>The five regimes, read off the change over the regime window (30 days by default).</summary>
public enum MarketRegime
{
    StrongBear = -2,
    WeakBear = -1,
    Sideways = 0,
    WeakBull = 1,
    StrongBull = 2,
}
