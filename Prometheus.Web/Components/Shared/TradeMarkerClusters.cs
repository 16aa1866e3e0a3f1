using Prometheus.Engine.Ledger;

namespace Prometheus.Web.Components.Shared;

/// <summary>One marker on the candles: the trades of one direction in one bucket of bars, drawn at the first bar that traded.</summary>
public sealed record TradeMarker(long TimeSeconds, bool Buy, int Count, int FirstAgentId)
{
    /// <summary>A lone trade names its agent; a cluster says how many trades it stands for.</summary>
    public string Text => Count == 1 ? $"#{FirstAgentId}" : $"×{Count:N0}";
}

/// <summary>The markers with buckets of <see cref="BarsPerBucket"/> bars: the chart picks the level that fits what is in view.</summary>
public sealed record MarkerLevel(int BarsPerBucket, IReadOnlyList<TradeMarker> Markers);

/// <summary>
/// Clusters trade markers so thousands of trades stay readable: level 0 has one marker per bar and direction, each next
/// level doubles the bucket, until one or two markers per direction are left. Buckets are aligned on market time (not on the
/// first bar loaded), so a cluster does not jump when the chart gains a bar.
/// </summary>
public static class TradeMarkerClusters
{
    public static IReadOnlyList<MarkerLevel> Levels(IReadOnlyList<TradeRecord> trades, long intervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1);
        var levels = new List<MarkerLevel>();
        if (trades.Count == 0) return levels;
        var span = trades.Max(t => t.TimestampMs) - trades.Min(t => t.TimestampMs);
        var markers = Cluster(trades, intervalMs, 1);
        for (var bars = 1; ; bars *= 2)
        {
            levels.Add(new MarkerLevel(bars, markers));
            // Stop once every trade of a direction shares one bucket, or a bucket spans twice the trades' time (they
            // then sit in at most two buckets a direction: the next level could only merge across an aligned boundary).
            if (markers.Count <= 2 || intervalMs * bars >= 2 * span || bars >= 1 << 24) return levels;
            // Each level merges the one before (its buckets nest in the wider ones): the trades are read once.
            markers = Merge(markers, intervalMs * bars * 2);
        }
    }

    /// <summary>One marker per bucket of <paramref name="barsPerBucket"/> bars and direction, straight from the trades.</summary>
    public static IReadOnlyList<TradeMarker> Cluster(IReadOnlyList<TradeRecord> trades, long intervalMs, int barsPerBucket)
    {
        var bucketMs = intervalMs * barsPerBucket;
        return trades
            .GroupBy(t => (Bucket: Floor(t.TimestampMs, bucketMs), Buy: Fmt.Side(t.Side).Direction == "buy"))
            .Select(g =>
            {
                var first = g.MinBy(t => t.TimestampMs)!;
                return new TradeMarker(Floor(first.TimestampMs, intervalMs) / 1000, g.Key.Buy, g.Count(), first.AgentId);
            })
            .OrderBy(m => m.TimeSeconds).ThenBy(m => m.Buy)
            .ToList();
    }

    private static List<TradeMarker> Merge(IReadOnlyList<TradeMarker> markers, long bucketMs) =>
        markers
            .GroupBy(m => (Bucket: Floor(m.TimeSeconds * 1000, bucketMs), m.Buy))
            .Select(g =>
            {
                var first = g.MinBy(m => m.TimeSeconds)!;
                return first with { Count = g.Sum(m => m.Count) };
            })
            .OrderBy(m => m.TimeSeconds).ThenBy(m => m.Buy)
            .ToList();

    private static long Floor(long value, long step) => value - ((value % step) + step) % step;
}
