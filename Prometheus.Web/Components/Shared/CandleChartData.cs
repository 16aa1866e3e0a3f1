using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Components.Shared;

/// <summary>A point of an indicator line, at a bar's open time in seconds.</summary>
public readonly record struct IndicatorPoint(long TimeSeconds, double Value);

/// <summary>
/// What the candle chart draws: the bars with their volume, Bollinger bands on the price, RSI in the pane below and the
/// trade markers clustered by level. The indicators are the engine's own (<see cref="BollingerBands"/>,
/// <see cref="RelativeStrengthIndex"/>, with the market options agents trade on), fed as the market analyzer feeds
/// them: empty bars (an exchange-side hole) are skipped, and a line starts only once its indicator is warm.
/// </summary>
public sealed class CandleChartData
{
    /// <summary>Bars read before the first one shown so the lines start warm: Wilder's RSI forgets its seed by (n−1)/n a bar.</summary>
    public static int WarmupBars(MarketOptions market) => Math.Max(market.BollingerPeriod, 20 * market.RsiPeriod);

    public required IReadOnlyList<Candle> Bars { get; init; }
    public required IReadOnlyList<IndicatorPoint> Upper { get; init; }
    public required IReadOnlyList<IndicatorPoint> Middle { get; init; }
    public required IReadOnlyList<IndicatorPoint> Lower { get; init; }
    public required IReadOnlyList<IndicatorPoint> Rsi { get; init; }
    public required IReadOnlyList<MarkerLevel> Markers { get; init; }
    public required string BandsLabel { get; init; }
    public required string RsiLabel { get; init; }

    /// <summary>
    /// The last <paramref name="shown"/> of <paramref name="candles"/> (oldest first; those before are the warm-up) with
    /// the indicators and the trades' markers.
    /// </summary>
    public static CandleChartData Build(IReadOnlyList<Candle> candles, int shown, IReadOnlyList<TradeRecord> trades, long intervalMs, MarketOptions market)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shown);
        var bands = new BollingerBands(market.BollingerPeriod, market.BollingerWidth);
        var rsi = new RelativeStrengthIndex(market.RsiPeriod);
        var first = Math.Max(0, candles.Count - shown);
        List<IndicatorPoint> upper = [], middle = [], lower = [], rsiPoints = [];
        for (var i = 0; i < candles.Count; i++)
        {
            var bar = candles[i];
            if (bar.IsEmpty) continue;
            var close = (double)bar.Close;
            bands.Add(close);
            rsi.Add(close);
            if (i < first) continue;
            var t = bar.TimestampMs / 1000;
            if (bands.IsReady)
            {
                upper.Add(new(t, bands.Upper));
                middle.Add(new(t, bands.Middle));
                lower.Add(new(t, bands.Lower));
            }
            if (rsi.IsReady) rsiPoints.Add(new(t, rsi.Value));
        }
        var bars = candles.Skip(first).ToList();
        var inView = bars.Count == 0 ? [] : trades.Where(t => t.TimestampMs >= bars[0].TimestampMs && t.TimestampMs < bars[^1].TimestampMs + intervalMs).ToList();
        return new CandleChartData
        {
            Bars = bars, Upper = upper, Middle = middle, Lower = lower, Rsi = rsiPoints,
            Markers = TradeMarkerClusters.Levels(inView, intervalMs),
            BandsLabel = $"BB({market.BollingerPeriod}, {market.BollingerWidth:0.##})",
            RsiLabel = $"RSI({market.RsiPeriod})",
        };
    }

    /// <summary>Compact arrays for js/charts.js; prices become JS numbers here, for drawing only.</summary>
    internal object ToJs() => new
    {
        bars = Bars.Select(c => new object[] { c.TimestampMs / 1000, (double)c.Open, (double)c.High, (double)c.Low, (double)c.Close }),
        volume = Bars.Select(c => new object[] { c.TimestampMs / 1000, c.VolumeUnknown ? 0.0 : (double)c.Volume, c.Close >= c.Open ? 1 : 0 }),
        bands = new { label = BandsLabel, upper = Line(Upper), middle = Line(Middle), lower = Line(Lower) },
        rsi = new { label = RsiLabel, points = Line(Rsi) },
        markers = Markers.Select(l => new { bars = l.BarsPerBucket, items = l.Markers.Select(m => new object[] { m.TimeSeconds, m.Buy ? 1 : 0, m.Text }) }),
    };

    private static IEnumerable<object[]> Line(IReadOnlyList<IndicatorPoint> points) => points.Select(p => new object[] { p.TimeSeconds, Math.Round(p.Value, 4) });
}
