using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

public class RollingStatisticsTests
{
    [Fact]
    public void Small_window_by_hand()
    {
        var stats = new RollingStatistics(3);
        Assert.Equal(0.0, stats.Mean);
        Assert.Equal(0.0, stats.SampleStandardDeviation);

        stats.Add(2);
        stats.Add(4);
        Assert.False(stats.IsFull);
        Assert.Equal(3.0, stats.Mean, 15);
        Assert.Equal(1.0, stats.PopulationStandardDeviation, 15);
        Assert.Equal(Math.Sqrt(2), stats.SampleStandardDeviation, 15);

        stats.Add(6);
        stats.Add(8);    // window 4, 6, 8
        Assert.True(stats.IsFull);
        Assert.Equal(3, stats.Count);
        Assert.Equal(6.0, stats.Mean, 15);
        Assert.Equal(Math.Sqrt(8.0 / 3), stats.PopulationStandardDeviation, 14);
        Assert.Equal(2.0, stats.SampleStandardDeviation, 14);
    }

    [Fact]
    public void Rejects_non_finite_values()
    {
        var stats = new RollingStatistics(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => stats.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => stats.Add(double.PositiveInfinity));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(96)]
    public void Does_not_drift_over_the_whole_15m_file(int length)
    {
        // Prices near 10⁴..10⁵ with a spread of a few units: the case where naive running sums of x² fail.
        double[] close = CandleFileReader.Read(TestData.Path(TestData.Okx15m)).Select(c => (double)c.Close).ToArray();
        var stats = new RollingStatistics(length);
        double worst = 0;
        for (int i = 0; i < close.Length; i++)
        {
            stats.Add(close[i]);
            if (i < length - 1)
                continue;

            double mean = 0;
            for (int j = i - length + 1; j <= i; j++)
                mean += close[j];
            mean /= length;
            double squares = 0;
            for (int j = i - length + 1; j <= i; j++)
                squares += (close[j] - mean) * (close[j] - mean);
            double sd = Math.Sqrt(squares / length);

            Assert.True(Math.Abs(mean - stats.Mean) <= 1e-12 * mean, $"mean at {i}");
            double error = Math.Abs(sd - stats.PopulationStandardDeviation) / sd;
            worst = Math.Max(worst, error);
        }

        Assert.True(worst <= 1e-9, $"worst relative error of σ: {worst:R}");
    }
}
