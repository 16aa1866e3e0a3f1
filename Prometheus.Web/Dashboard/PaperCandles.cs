using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Web.Configuration;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The candles paper trading replays, for the Trades page's chart: the same file as the feed, read once on first use
/// and kept (about 115,000 bars of 15 minutes), mapped to replay time as the feed maps it (each lap of the file is
/// shifted by the file's span). Only bars the market has already reached are returned: the chart never shows the future.
/// Reading a copy of the file here, not the feed itself, keeps the trading loop's objects on the loop's thread.
/// With Prometheus:Paper:Series, each traded instrument's own series, aligned as the feed aligns them.
/// </summary>
public sealed class PaperCandles(IOptions<PaperOptions> paper, EngineOptions options)
{
    private readonly Lazy<Candle[][]> _columns = new(() => paper.Value.Series is { Length: > 0 } series
        ? ReplayMarket.Columns(series, options)
        : [[.. CandleFileReader.Read(paper.Value.DataPath)]]);

    /// <summary>The instrument charted when none is picked: the first traded swap.</summary>
    public Instrument Primary => options.PrimarySwap;

    /// <summary>The bar interval of the replay (in ms).</summary>
    public long IntervalMs => _columns.Value[0] is { Length: >= 2 } bars ? bars[1].TimestampMs - bars[0].TimestampMs : 15 * 60_000;

    /// <summary>Up to <paramref name="count"/> of the primary swap's bars opening at or before <paramref name="marketTimeMs"/>, oldest first.</summary>
    public IReadOnlyList<Candle> Before(long marketTimeMs, int count) => Before(Primary, marketTimeMs, count);

    /// <summary>Up to <paramref name="count"/> of <paramref name="instrument"/>'s bars opening at or before <paramref name="marketTimeMs"/>, oldest first (its coin's series when it has none of its own).</summary>
    public IReadOnlyList<Candle> Before(Instrument instrument, long marketTimeMs, int count)
    {
        var columns = _columns.Value;
        var bars = columns[columns.Length == 1 ? 0 : ReplayMarket.TradedIndexFor(options, instrument)];
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
