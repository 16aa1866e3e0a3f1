using Prometheus.Engine.Market;

namespace Prometheus.Engine.Supervision;

/// <summary>Closed bars of the primary instrument (and, in a replay of several series, of each traded instrument), one bar time at a time: a replay of shipped candles, or (later) the exchange's candles.</summary>
public interface IBarFeed
{
    /// <summary>The interval between bars.</summary>
    TimeSpan Interval { get; }

    /// <summary>The next closed bar, or false when there is none yet (a live feed between bars); the loop asks again soon.</summary>
    bool TryNext(out Candle bar);

    /// <summary>Up to <paramref name="count"/> bars before the next one, oldest first: to warm indicators after a restore.</summary>
    IReadOnlyList<Candle> History(int count);

    /// <summary>
    /// The last bar time's bar of each traded instrument (in the order of the traded instruments) when the feed carries a
    /// series per instrument; null when its one series prices them all (the bar <see cref="TryNext"/> gave).
    /// </summary>
    IReadOnlyList<Candle>? BarsByTraded => null;

    /// <summary>As <see cref="History(int)"/>, for traded instrument <paramref name="traded"/>'s own series.</summary>
    IReadOnlyList<Candle> History(int count, int traded) => History(count);

    /// <summary>Whether the feed has given its last bar (a backtest's range); a replay or a live feed never ends.</summary>
    bool Ended => false;
}
