using Prometheus.Engine.Market;

namespace Prometheus.Engine.Backtest;

/// <summary>How many bars the indicators need before agents can trade: they are read, never traded or measured.</summary>
public static class Warmup
{
    /// <summary>The bars from <paramref name="from"/> up to and including the first on which every indicator is warm.</summary>
    /// <exception cref="BacktestInputException">The bars never warm the indicators up.</exception>
    public static int Bars(IReadOnlyList<Candle> bars, MarketOptions options, int from = 0)
    {
        var analyzer = new MarketAnalyzer(options);
        for (var i = from; i < bars.Count; i++)
            if (analyzer.Update(bars[i]).IsWarm)
                return i - from + 1;
        throw new BacktestInputException(
            $"the data ({bars.Count - from} bars) is shorter than the indicators' warm-up (Prometheus:Market:RegimeWindowDays is {options.RegimeWindowDays} days)");
    }
}
