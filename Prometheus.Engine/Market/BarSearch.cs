namespace Prometheus.Engine.Market;

/// <summary>Binary search over bars in ascending open time.</summary>
public static class BarSearch
{
    /// <summary>The index of the first bar opening at or after <paramref name="timeMs"/> (the count when none does).</summary>
    public static int FirstAtOrAfter(IReadOnlyList<Candle> bars, long timeMs)
    {
        int lo = 0, hi = bars.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (bars[mid].TimestampMs < timeMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
