using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

public class RegimeDetectorTests
{
    private const long Day = 86_400_000;

    [Theory]
    // +20 %: exactly is WeakBull; strictly beyond is StrongBull.
    [InlineData(0.20, MarketRegime.WeakBull)]
    [InlineData(0.1999999, MarketRegime.WeakBull)]
    [InlineData(0.2000001, MarketRegime.StrongBull)]
    // +5 %: exactly is WeakBull; just below is Sideways.
    [InlineData(0.05, MarketRegime.WeakBull)]
    [InlineData(0.0500001, MarketRegime.WeakBull)]
    [InlineData(0.0499999, MarketRegime.Sideways)]
    // −5 %: exactly is WeakBear; just above is Sideways.
    [InlineData(-0.05, MarketRegime.WeakBear)]
    [InlineData(-0.0499999, MarketRegime.Sideways)]
    [InlineData(-0.0500001, MarketRegime.WeakBear)]
    // −20 %: exactly is WeakBear; strictly beyond is StrongBear.
    [InlineData(-0.20, MarketRegime.WeakBear)]
    [InlineData(-0.1999999, MarketRegime.WeakBear)]
    [InlineData(-0.2000001, MarketRegime.StrongBear)]
    // Interiors and extremes.
    [InlineData(0.0, MarketRegime.Sideways)]
    [InlineData(0.10, MarketRegime.WeakBull)]
    [InlineData(-0.10, MarketRegime.WeakBear)]
    [InlineData(1.5, MarketRegime.StrongBull)]
    [InlineData(-0.9, MarketRegime.StrongBear)]
    [InlineData(double.PositiveInfinity, MarketRegime.StrongBull)]
    [InlineData(double.NegativeInfinity, MarketRegime.StrongBear)]
    public void Classify_puts_each_boundary_on_the_documented_side(double change, MarketRegime expected)
    {
        Assert.Equal(expected, RegimeDetector.Classify(change));
    }

    [Fact]
    public void Classify_is_exact_at_the_next_representable_doubles()
    {
        Assert.Equal(MarketRegime.StrongBull, RegimeDetector.Classify(Math.BitIncrement(0.20)));
        Assert.Equal(MarketRegime.Sideways, RegimeDetector.Classify(Math.BitDecrement(0.05)));
        Assert.Equal(MarketRegime.Sideways, RegimeDetector.Classify(Math.BitIncrement(-0.05)));
        Assert.Equal(MarketRegime.StrongBear, RegimeDetector.Classify(Math.BitDecrement(-0.20)));
    }

    [Fact]
    public void Classify_rejects_NaN()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RegimeDetector.Classify(double.NaN));
    }

    [Theory]
    // Price moves of exactly ±5 % and ±20 %, computed from the decimal prices, land on the boundary itself.
    // In double arithmetic each of the first four would land on the wrong side:
    // 105.0105 / 100.01 − 1 = 0.04999999999999982 (Sideways), 95.019 / 100.02 − 1 = −0.04999999999999993 (Sideways),
    // 120.084 / 100.07 − 1 = 0.20000000000000018 (StrongBull), 80.008 / 100.01 − 1 = −0.20000000000000007 (StrongBear).
    [InlineData("100.01", "105.0105", MarketRegime.WeakBull)]
    [InlineData("100.02", "95.019", MarketRegime.WeakBear)]
    [InlineData("100.07", "120.084", MarketRegime.WeakBull)]
    [InlineData("100.01", "80.008", MarketRegime.WeakBear)]
    [InlineData("100", "105", MarketRegime.WeakBull)]
    [InlineData("100", "120", MarketRegime.WeakBull)]
    [InlineData("100", "120.01", MarketRegime.StrongBull)]
    [InlineData("100", "104.99", MarketRegime.Sideways)]
    [InlineData("100", "95", MarketRegime.WeakBear)]
    [InlineData("100", "95.01", MarketRegime.Sideways)]
    [InlineData("100", "80", MarketRegime.WeakBear)]
    [InlineData("100", "79.99", MarketRegime.StrongBear)]
    public void Detector_applies_the_boundaries_to_exact_price_moves(string from, string to, MarketRegime expected)
    {
        var detector = new RegimeDetector(TimeSpan.FromDays(30));
        detector.Update(0, decimal.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        MarketRegime regime = detector.Update(30 * Day, decimal.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, regime);
        Assert.True(detector.IsWarm);
    }

    [Fact]
    public void Reference_is_the_last_close_at_or_before_ts_minus_window()
    {
        var detector = new RegimeDetector(TimeSpan.FromDays(2));
        detector.Update(0 * Day, 100m);
        detector.Update(1 * Day, 110m);
        detector.Update(2 * Day, 121m);   // reference: day 0 (exactly ts − window)

        Assert.Equal(0.21, detector.Change, 12);
        Assert.Equal(MarketRegime.StrongBull, detector.Regime);

        detector.Update(3 * Day + 1, 121m);  // reference: day 1 (last at or before day 1 + 1 ms)
        Assert.Equal(0.10, detector.Change, 12);
        Assert.Equal(MarketRegime.WeakBull, detector.Regime);
    }

    [Fact]
    public void Reference_bridges_a_gap_by_timestamp_not_by_bar_count()
    {
        var detector = new RegimeDetector(TimeSpan.FromDays(2));
        detector.Update(0 * Day, 100m);
        // Nothing for five days; the next bar's reference is the last close before the gap.
        detector.Update(5 * Day, 90m);
        Assert.Equal(-0.10, detector.Change, 12);
        Assert.True(detector.IsWarm);

        // One day later the pre-gap close (day 0) is still the last one at or before day 4.
        detector.Update(6 * Day, 99m);
        Assert.Equal(-0.01, detector.Change, 12);
        Assert.Equal(MarketRegime.Sideways, detector.Regime);

        // Day 7: target day 5, whose close (90) is now the reference.
        detector.Update(7 * Day, 99m);
        Assert.Equal(0.10, detector.Change, 12);
    }

    [Fact]
    public void Before_a_full_window_the_oldest_close_is_the_reference_and_it_is_not_warm()
    {
        var detector = new RegimeDetector(TimeSpan.FromDays(30));
        Assert.Equal(MarketRegime.Sideways, detector.Regime);

        detector.Update(0, 100m);
        Assert.Equal(0.0, detector.Change);
        Assert.False(detector.IsWarm);

        detector.Update(10 * Day, 130m);
        Assert.Equal(0.30, detector.Change, 12);
        Assert.Equal(MarketRegime.StrongBull, detector.Regime);
        Assert.False(detector.IsWarm);

        detector.Update(30 * Day - 1, 130m);
        Assert.False(detector.IsWarm);
        detector.Update(30 * Day, 130m);
        Assert.True(detector.IsWarm);
    }

    [Fact]
    public void Grows_past_its_initial_capacity_and_keeps_the_right_reference()
    {
        const long step = 60_000;   // 1m bars: 1,440 a day, far more than the initial ring
        var detector = new RegimeDetector(TimeSpan.FromDays(1));
        for (long i = 0; i <= 3 * 1440; i++)
            detector.Update(i * step, 1000m + i);

        // Last bar i = 4320; reference i = 2880.
        Assert.Equal((1000.0 + 4320) / (1000 + 2880) - 1, detector.Change, 12);
    }

    [Fact]
    public void Rejects_non_increasing_timestamps_and_non_positive_closes()
    {
        var detector = new RegimeDetector(TimeSpan.FromDays(1));
        detector.Update(1000, 1m);
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Update(1000, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Update(2000, 0m));
    }
}
