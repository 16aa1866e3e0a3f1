using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// A backtest's bars as the trading loop takes them: bars <c>from</c>..<c>to</c> of a run's timeline, each with every
/// traded instrument's bar of that time (<see cref="BarsByTraded"/>), then <see cref="Ended"/>. Unpaced: the loop takes
/// them as fast as it cycles. <see cref="NextIndex"/> is the index of the bar the next <see cref="TryNext"/> gives.
/// </summary>
internal sealed class RangeFeed(PopulationRunSpec spec) : IBarFeed
{
    private readonly Candle[] _row = new Candle[spec.Options.Traded.Count];

    public int NextIndex { get; private set; } = spec.From;

    /// <summary>Called with a bar's index when the loop takes it, before its cycle runs.</summary>
    public Action<int>? Taking { get; init; }

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(spec.IntervalMs);

    public bool Ended => NextIndex >= spec.To;

    public IReadOnlyList<Candle> BarsByTraded => _row;

    public bool TryNext(out Candle bar)
    {
        if (Ended)
        {
            bar = default;
            return false;
        }
        var i = NextIndex++;
        Taking?.Invoke(i);
        for (var t = 0; t < _row.Length; t++) _row[t] = spec.Bar(t, i);
        bar = spec.Bars[i];
        return true;
    }

    /// <summary>A backtest warms its indicators up before the range; nothing asks the feed for history.</summary>
    public IReadOnlyList<Candle> History(int count) => [];
}
