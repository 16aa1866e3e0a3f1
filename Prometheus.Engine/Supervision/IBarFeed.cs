using Prometheus.Engine.Market;

namespace Prometheus.Engine.Supervision;

/// <summary>Closed bars of the primary instrument, one at a time: a replay of shipped candles, or (later) the exchange's candles.</summary>
public interface IBarFeed
{
    /// <summary>The interval between bars.</summary>
    TimeSpan Interval { get; }

    /// <summary>The next closed bar, or false when there is none yet (a live feed between bars); the loop asks again soon.</summary>
    bool TryNext(out Candle bar);

    /// <summary>Up to <paramref name="count"/> bars before the next one, oldest first: to warm indicators after a restore.</summary>
    IReadOnlyList<Candle> History(int count);
}
