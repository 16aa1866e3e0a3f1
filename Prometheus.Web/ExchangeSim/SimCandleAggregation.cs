using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.ExchangeSim;

/// <summary>A candle as OKX serves it: <see cref="Confirmed"/> false while the bar is still forming.</summary>
public readonly record struct SimCandle(Candle Bar, bool Confirmed);

/// <summary>
/// Replayed bars gathered into a coarser OKX bar: open = first open, high = max, low = min, close = last close, volume =
/// sum, the bar starting where OKX starts it (<see cref="OkxBar.StartOf"/>). Only bars already replayed go in, so the
/// newest bar is unconfirmed until the replay has passed its end: it never holds what the replay has not reached.
/// </summary>
public static class SimCandleAggregation
{
    /// <param name="bars">Replayed bars of <paramref name="interval"/>, oldest first.</param>
    public static List<SimCandle> Aggregate(IReadOnlyList<Candle> bars, TimeSpan interval, OkxBar bar)
    {
        var result = new List<SimCandle>(bars.Count);
        if (bars.Count == 0)
            return result;
        var step = (long)interval.TotalMilliseconds;
        if (bar.Length == interval)
        {
            foreach (var c in bars)
                result.Add(new SimCandle(c, true));
            return result;
        }
        foreach (var c in bars)
        {
            var start = bar.StartOf(c.TimestampMs);
            if (result.Count > 0 && result[^1].Bar.TimestampMs == start)
            {
                var a = result[^1].Bar;
                result[^1] = new SimCandle(a with
                {
                    High = Math.Max(a.High, c.High), Low = Math.Min(a.Low, c.Low), Close = c.Close, Volume = a.Volume + c.Volume,
                }, false);
            }
            else
            {
                result.Add(new SimCandle(c with { TimestampMs = start }, false));
            }
        }
        // The replay's history may begin inside a bar: that bar is missing its start, so it is left out.
        if (result.Count > 1 && bars[0].TimestampMs != result[0].Bar.TimestampMs)
            result.RemoveAt(0);
        // Every bar but the newest is complete; the newest is once the replay has passed its end.
        for (var i = 0; i < result.Count - 1; i++)
            result[i] = result[i] with { Confirmed = true };
        var replayedUntil = bars[^1].TimestampMs + step;
        result[^1] = result[^1] with { Confirmed = result[^1].Bar.TimestampMs + bar.LengthMs <= replayedUntil };
        return result;
    }

    /// <summary>
    /// Recorded bars gathered into <paramref name="bar"/>, keeping only the bars the recording holds whole (see <see cref="WholeBars"/>).
    /// </summary>
    /// <param name="bars">Recorded bars of <paramref name="interval"/>, oldest first.</param>
    public static List<SimCandle> Whole(IReadOnlyList<Candle> bars, TimeSpan interval, OkxBar bar) =>
        [.. WholeBars.Of(bars, interval, bar).Select(c => new SimCandle(c, true))];
}
