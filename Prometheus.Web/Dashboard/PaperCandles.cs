using Microsoft.Extensions.Options;
using Prometheus.Engine.Market;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The candles paper trading replays, for the Trades page's chart: the same file as the feed, read once on first use
/// and kept (about 115,000 bars of 15 minutes), mapped to replay time as the feed maps it (each lap of the file is
/// shifted by the file's span). Only bars the market has already reached are returned: the chart never shows the future.
/// Reading a copy of the file here, not the feed itself, keeps the trading loop's objects on the loop's thread.
/// </summary>
public sealed class PaperCandles(IOptions<PaperOptions> paper)
{
    private readonly Lazy<Candle[]> _bars = new(() => [.. CandleFileReader.Read(paper.Value.DataPath)]);

    /// <summary>Up to <paramref name="count"/> bars opening at or before <paramref name="marketTimeMs"/>, oldest first.</summary>
    public IReadOnlyList<Candle> Before(long marketTimeMs, int count)
    {
        var bars = _bars.Value;
        if (bars.Length < 2 || marketTimeMs <= 0) return [];
        var interval = bars[1].TimestampMs - bars[0].TimestampMs;
        var lapMs = bars[^1].TimestampMs - bars[0].TimestampMs + interval;
        var laps = Math.Max(0, (marketTimeMs - bars[0].TimestampMs) / lapMs);
        var result = new List<Candle>(count);
        var offset = laps * lapMs;
        var index = LastAtOrBefore(bars, marketTimeMs - offset);
        while (result.Count < count && offset >= 0)
        {
            for (; index >= 0 && result.Count < count; index--)
                result.Add(bars[index] with { TimestampMs = bars[index].TimestampMs + offset });
            offset -= lapMs;
            index = bars.Length - 1;
        }
        result.Reverse();
        return result;
    }

    private static int LastAtOrBefore(Candle[] bars, long timestampMs)
    {
        int lo = 0, hi = bars.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (bars[mid].TimestampMs <= timestampMs) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}
