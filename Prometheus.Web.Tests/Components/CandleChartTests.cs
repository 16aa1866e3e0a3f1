using System.Text.Json;
using Bunit;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;
using Prometheus.Web.Components.Shared;

namespace Prometheus.Web.Tests.Components;

/// <summary>The candle chart's data: the engine's own indicators on the bars shown, and markers that stay readable when dense.</summary>
public sealed class CandleChartTests : DashboardContext
{
    private const long IntervalMs = 15 * 60_000;
    private const long StartMs = 1_700_000_100_000 - 1_700_000_100_000 % IntervalMs;
    private static readonly MarketOptions Market = new();

    /// <summary>A random walk with a few empty bars (exchange-side holes), from a fixed seed.</summary>
    private static List<Candle> Walk(int count, int seed)
    {
        var random = new Random(seed);
        var bars = new List<Candle>(count);
        var close = 30_000m;
        for (var i = 0; i < count; i++)
        {
            var ts = StartMs + i * IntervalMs;
            if (i % 97 == 50)
            {
                bars.Add(new Candle(ts, close, close, close, close, 0m));
                continue;
            }
            var open = close;
            close = Math.Round(open * (1m + (decimal)(random.NextDouble() - 0.5) / 50m), 1);
            bars.Add(new Candle(ts, open, Math.Max(open, close) + 5m, Math.Min(open, close) - 5m, close, Math.Round((decimal)random.NextDouble() * 100m, 2)));
        }
        return bars;
    }

    private static TradeRecord Trade(long id, int agent, TradeSide side, long timestampMs) =>
        new(id, agent, "BTC-USDT-SWAP", side, PositionSide.Long, 1m, 30_000m, 0.1m, $"o{id}", $"c{id}", $"x{id}", timestampMs, 0.5, 0m, TradeOrigin.Decision);

    [Fact]
    public void The_bands_and_rsi_are_the_engine_indicators_over_the_bars_shown_once_warm()
    {
        var shown = 400;
        var candles = Walk(shown + CandleChartData.WarmupBars(Market), seed: 7);

        var data = CandleChartData.Build(candles, shown, [], IntervalMs, Market);

        // The same engine classes, fed every non-empty bar from the first, as the market analyzer feeds them.
        var bands = new BollingerBands(Market.BollingerPeriod, Market.BollingerWidth);
        var rsi = new RelativeStrengthIndex(Market.RsiPeriod);
        List<IndicatorPoint> upper = [], middle = [], lower = [], rsiPoints = [];
        for (var i = 0; i < candles.Count; i++)
        {
            if (candles[i].Volume == 0m) continue;
            bands.Add((double)candles[i].Close);
            rsi.Add((double)candles[i].Close);
            if (i < candles.Count - shown) continue;
            var t = candles[i].TimestampMs / 1000;
            upper.Add(new(t, bands.Upper));
            middle.Add(new(t, bands.Middle));
            lower.Add(new(t, bands.Lower));
            rsiPoints.Add(new(t, rsi.Value));
        }
        Assert.Equal(shown, data.Bars.Count);
        Assert.Equal(candles[^shown], data.Bars[0]);
        var nonEmptyShown = candles.TakeLast(shown).Count(c => c.Volume > 0m);
        Assert.True(nonEmptyShown < shown, "the walk has holes in view");
        Assert.Equal(nonEmptyShown, data.Rsi.Count);
        Assert.Equal(rsiPoints, data.Rsi);
        Assert.Equal(upper, data.Upper);
        Assert.Equal(middle, data.Middle);
        Assert.Equal(lower, data.Lower);
        Assert.All(data.Upper.Zip(data.Lower), p => Assert.True(p.First.Value >= p.Second.Value));
        Assert.Equal("BB(20, 2)", data.BandsLabel);
        Assert.Equal("RSI(14)", data.RsiLabel);
    }

    [Fact]
    public void Without_warm_up_bars_the_lines_start_when_their_indicator_is_ready()
    {
        var candles = Walk(40, seed: 3);

        var data = CandleChartData.Build(candles, candles.Count, [], IntervalMs, Market);

        Assert.Equal(40 - Market.BollingerPeriod + 1, data.Upper.Count);
        Assert.Equal(candles[Market.BollingerPeriod - 1].TimestampMs / 1000, data.Upper[0].TimeSeconds);
        Assert.Equal(40 - Market.RsiPeriod, data.Rsi.Count);
    }

    [Fact]
    public void Dense_trades_are_clustered_in_buckets_that_double_until_at_most_two_markers_a_direction_are_left()
    {
        var random = new Random(11);
        var bars = 200;
        var trades = Enumerable.Range(0, 3_000)
            .Select(i => Trade(i, 1 + i % 40, random.Next(2) == 0 ? TradeSide.Buy : TradeSide.Short, StartMs + random.NextInt64(bars * IntervalMs)))
            .OrderBy(t => t.TimestampMs).ToList();
        var buys = trades.Count(t => t.Side == TradeSide.Buy);

        var levels = TradeMarkerClusters.Levels(trades, IntervalMs);

        Assert.Equal(1, levels[0].BarsPerBucket);
        Assert.True(levels[0].Markers.Count <= 2 * bars);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.Equal(levels[i - 1].BarsPerBucket * 2, levels[i].BarsPerBucket);
            Assert.True(levels[i].Markers.Count <= levels[i - 1].Markers.Count);
        }
        Assert.True(levels[^1].Markers.Count(m => m.Buy) <= 2 && levels[^1].Markers.Count(m => !m.Buy) <= 2);
        foreach (var level in levels)
        {
            // Every trade is in exactly one marker of each level, drawn on a bar's open time, one per bucket and direction.
            Assert.Equal(buys, level.Markers.Where(m => m.Buy).Sum(m => m.Count));
            Assert.Equal(trades.Count - buys, level.Markers.Where(m => !m.Buy).Sum(m => m.Count));
            Assert.All(level.Markers, m => Assert.Equal(0, m.TimeSeconds * 1000 % IntervalMs));
            var bucketMs = IntervalMs * level.BarsPerBucket;
            Assert.Equal(level.Markers.Count, level.Markers.Select(m => (m.TimeSeconds * 1000 / bucketMs, m.Buy)).Distinct().Count());
        }
        // A merged level is what clustering the trades straight into its buckets gives.
        Assert.Equal(TradeMarkerClusters.Cluster(trades, IntervalMs, 16), levels.Single(l => l.BarsPerBucket == 16).Markers);
        var eight = levels.Single(l => l.BarsPerBucket == 8);
        Assert.True(eight.Markers.Count <= 2 * (bars / 8 + 1));
        Assert.StartsWith("×", eight.Markers[0].Text);
    }

    [Fact]
    public void A_lone_trade_names_its_agent()
    {
        var levels = TradeMarkerClusters.Levels([Trade(1, 17, TradeSide.Sell, StartMs + 60_000)], IntervalMs);

        var marker = Assert.Single(Assert.Single(levels).Markers);
        Assert.Equal("#17", marker.Text);
        Assert.False(marker.Buy);
        Assert.Equal(StartMs / 1000, marker.TimeSeconds);
    }

    [Fact]
    public async Task The_chart_sends_the_bars_volume_indicators_and_marker_levels_to_the_browser()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var candles = Walk(300, seed: 5);
        var trades = new[] { Trade(1, 2, TradeSide.Buy, candles[^10].TimestampMs), Trade(2, 3, TradeSide.Buy, candles[^10].TimestampMs + 1_000), Trade(3, 4, TradeSide.Short, candles[^3].TimestampMs) };
        var data = CandleChartData.Build(candles, 100, trades, IntervalMs, Market);
        var chart = Render<CandleChart>();

        await chart.InvokeAsync(() => chart.Instance.SetAsync(data));

        var call = Assert.Single(module.Invocations, i => i.Identifier == "createCandles");
        using var sent = JsonDocument.Parse(JsonSerializer.Serialize(call.Arguments[1]));
        var root = sent.RootElement;
        Assert.Equal(100, root.GetProperty("bars").GetArrayLength());
        Assert.Equal(100, root.GetProperty("volume").GetArrayLength());
        Assert.Equal((double)candles[^1].Volume, root.GetProperty("volume")[99][1].GetDouble());
        Assert.Equal(data.Rsi.Count, root.GetProperty("rsi").GetProperty("points").GetArrayLength());
        Assert.Equal(Math.Round(data.Rsi[^1].Value, 4), root.GetProperty("rsi").GetProperty("points")[data.Rsi.Count - 1][1].GetDouble());
        Assert.Equal(data.Upper.Count, root.GetProperty("bands").GetProperty("upper").GetArrayLength());
        var finest = root.GetProperty("markers")[0];
        Assert.Equal(1, finest.GetProperty("bars").GetInt32());
        Assert.Equal(["×2", "#4"], finest.GetProperty("items").EnumerateArray().Select(m => m[2].GetString()!).ToArray());
    }
}
