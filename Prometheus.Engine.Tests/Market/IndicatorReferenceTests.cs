using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

/// <summary>
/// The incremental indicators, driven through <see cref="MarketAnalyzer"/> over the first rows of the shipped
/// OKX 15m file, against the non-incremental definitions in <see cref="ReferenceIndicators"/>.
/// </summary>
public class IndicatorReferenceTests
{
    private const int Rows = 6000;
    private const double Tolerance = 1e-9;

    private static readonly Lazy<Run> Shared = new(Analyze);

    private sealed record Run(Candle[] Candles, double[] Close, MarketSnapshot[] Snapshots, MarketOptions Options);

    private static Run Analyze()
    {
        Candle[] candles = CandleFileReader.Read(TestData.Path(TestData.Okx15m)).Take(Rows).ToArray();
        var options = new MarketOptions();
        var analyzer = new MarketAnalyzer(options);
        var snapshots = new MarketSnapshot[candles.Length];
        for (int i = 0; i < candles.Length; i++)
            snapshots[i] = analyzer.Update(candles[i]);
        return new Run(candles, candles.Select(c => (double)c.Close).ToArray(), snapshots, options);
    }

    /// <summary>Relative tolerance; values smaller than <paramref name="scale"/> in magnitude are compared against it instead.</summary>
    private static void Near(double expected, double actual, int index, string what, double scale = 1.0)
    {
        double bound = Tolerance * Math.Max(scale, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(Math.Abs(expected - actual) <= bound,
            $"{what} at row {index}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):R} > {bound:R})");
    }

    [Fact]
    public void The_sample_is_clean_real_data()
    {
        Run run = Shared.Value;
        Assert.Equal(Rows, run.Candles.Length);
        Assert.DoesNotContain(run.Snapshots, s => s.IsEmpty || s.IsGap);
    }

    [Fact]
    public void Macd_matches_the_reference()
    {
        Run run = Shared.Value;
        MarketOptions o = run.Options;
        var (line, signal, histogram) = ReferenceIndicators.Macd(run.Close, o.MacdFast, o.MacdSlow, o.MacdSignal);

        int compared = 0;
        for (int i = 0; i < Rows; i++)
        {
            MarketSnapshot s = run.Snapshots[i];
            if (double.IsNaN(line[i]))
            {
                Assert.Equal(0.0, s.MacdLine);
            }
            else
            {
                Near(line[i], s.MacdLine, i, "MACD line");
            }

            if (double.IsNaN(signal[i]))
            {
                Assert.Equal(0.0, s.MacdSignal);
                Assert.Equal(0.0, s.MacdHistogram);
                continue;
            }

            Near(signal[i], s.MacdSignal, i, "MACD signal");
            Near(histogram[i], s.MacdHistogram, i, "MACD histogram");
            compared++;
        }

        Assert.Equal(Rows - (o.MacdSlow + o.MacdSignal - 2), compared);
    }

    [Fact]
    public void Bollinger_matches_the_reference()
    {
        Run run = Shared.Value;
        MarketOptions o = run.Options;
        var (middle, upper, lower, percentB) = ReferenceIndicators.Bollinger(run.Close, o.BollingerPeriod, o.BollingerWidth);

        for (int i = 0; i < Rows; i++)
        {
            MarketSnapshot s = run.Snapshots[i];
            if (double.IsNaN(middle[i]))
            {
                Assert.Equal(run.Close[i], s.BollingerMiddle);
                Assert.Equal(0.5, s.BollingerPercentB);
                continue;
            }

            Near(middle[i], s.BollingerMiddle, i, "Bollinger middle");
            Near(upper[i], s.BollingerUpper, i, "Bollinger upper");
            Near(lower[i], s.BollingerLower, i, "Bollinger lower");
            Near(percentB[i], s.BollingerPercentB, i, "Bollinger %B");
            // The band width is the delicate part (a difference of two nearly equal prices): check it on its own.
            Near(upper[i] - lower[i], s.BollingerUpper - s.BollingerLower, i, "Bollinger width",
                scale: Tolerance * middle[i]);
        }
    }

    [Fact]
    public void Rsi_matches_the_reference()
    {
        Run run = Shared.Value;
        double[] rsi = ReferenceIndicators.Rsi(run.Close, run.Options.RsiPeriod);
        for (int i = 0; i < Rows; i++)
            Near(double.IsNaN(rsi[i]) ? 50.0 : rsi[i], run.Snapshots[i].Rsi, i, "RSI");
    }

    [Fact]
    public void Return_and_volatility_match_the_reference()
    {
        Run run = Shared.Value;
        var returns = new double[Rows - 1];
        for (int i = 1; i < Rows; i++)
            returns[i - 1] = run.Close[i] / run.Close[i - 1] - 1;
        double[] volatility = ReferenceIndicators.RollingSampleStdDev(returns, run.Options.VolatilityWindow);

        Assert.Equal(0.0, run.Snapshots[0].Return);
        Assert.Equal(0.0, run.Snapshots[0].Volatility);
        Assert.Equal(0.0, run.Snapshots[1].Volatility);   // one return: no spread yet
        for (int i = 1; i < Rows; i++)
        {
            Assert.Equal(returns[i - 1], run.Snapshots[i].Return);
            if (i >= 2)
                Near(volatility[i - 1], run.Snapshots[i].Volatility, i, "volatility", scale: 0);
        }
    }

    [Fact]
    public void Regime_change_matches_a_scan_by_timestamp()
    {
        Run run = Shared.Value;
        long window = TimeSpan.FromDays(run.Options.RegimeWindowDays).Ticks / TimeSpan.TicksPerMillisecond;
        for (int i = 0; i < Rows; i++)
        {
            long target = run.Candles[i].TimestampMs - window;
            int reference = 0;
            for (int j = 0; j <= i; j++)
                if (run.Candles[j].TimestampMs <= target)
                    reference = j;
            double change = (double)(run.Candles[i].Close / run.Candles[reference].Close - 1m);

            MarketSnapshot s = run.Snapshots[i];
            Assert.Equal(change, s.RegimeChange);
            Assert.Equal(RegimeDetector.Classify(change), s.Regime);
        }
    }

    [Fact]
    public void Warm_exactly_when_the_regime_window_is_full()
    {
        // With the defaults on 15m bars, the 30-day regime window (2,880 bars) is the last to fill.
        Run run = Shared.Value;
        int firstWarm = Array.FindIndex(run.Snapshots, s => s.IsWarm);
        Assert.Equal(30 * 96, firstWarm);
        Assert.All(run.Snapshots[firstWarm..], s => Assert.True(s.IsWarm));
    }
}
