namespace Prometheus.Engine.Supervision;

/// <summary>
/// The equity at a market time (Unix ms): of the whole population (<see cref="AgentId"/> <see cref="Population"/>:
/// the Mastermind's pool plus every ledger at the marks) or of one agent. The population's point also keeps the market's
/// price then (<see cref="MarketPrice"/>: the first traded coin's, BTC by default) and every traded coin's
/// (<see cref="Prices"/>), what holding BTC, or the coins traded, over the same period is measured by.
/// </summary>
public readonly record struct EquityMark(int AgentId, long TimeMs, decimal Equity, decimal? MarketPrice = null, CoinPrices? Prices = null)
{
    public const int Population = 0;
}
