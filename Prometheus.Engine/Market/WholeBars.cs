using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Market;

/// <summary>
/// Bars of one interval gathered into a coarser OKX bar, keeping only the bars held whole (every one of their finer bars
/// present): open = first open, high = max, low = min, close = last close, volume = sum (unknown when any part's is).
/// A coarse bar with a hole in the finer series is missing data, not a bar.
/// </summary>
public static class WholeBars
{
    /// <param name="bars">Bars of <paramref name="interval"/>, oldest first.</param>
    public static List<Candle> Of(IReadOnlyList<Candle> bars, TimeSpan interval, OkxBar bar)
    {
        var perBar = bar.LengthMs / (long)interval.TotalMilliseconds;
        var result = new List<Candle>();
        var count = 0L;
        foreach (var c in bars)
        {
            var start = bar.StartOf(c.TimestampMs);
            if (result.Count > 0 && result[^1].TimestampMs == start)
            {
                var a = result[^1];
                result[^1] = a with
                {
                    High = Math.Max(a.High, c.High), Low = Math.Min(a.Low, c.Low), Close = c.Close,
                    Volume = a.VolumeUnknown || c.VolumeUnknown ? Candle.UnknownVolume : a.Volume + c.Volume,
                };
                count++;
                continue;
            }
            if (result.Count > 0 && count != perBar)
                result.RemoveAt(result.Count - 1);
            result.Add(c with { TimestampMs = start });
            count = 1;
        }
        if (result.Count > 0 && count != perBar)
            result.RemoveAt(result.Count - 1);
        return result;
    }
}
