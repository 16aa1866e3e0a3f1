using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

public class RelativeStrengthIndexTests
{
    [Fact]
    public void Hand_computed_two_period_example()
    {
        // Closes 1, 2, 1, 3 → changes +1, −1, +2.
        // First averages (simple means of 2 changes): gain (1 + 0)/2 = 0.5, loss (0 + 1)/2 = 0.5 → RS 1 → RSI 50.
        // Then Wilder: gain (0.5·1 + 2)/2 = 1.25, loss (0.5·1 + 0)/2 = 0.25 → RS 5 → RSI 100 − 100/6 = 83.333…
        var rsi = new RelativeStrengthIndex(2);
        rsi.Add(1);
        Assert.False(rsi.IsReady);
        Assert.Equal(50.0, rsi.Value);
        rsi.Add(2);
        Assert.False(rsi.IsReady);
        rsi.Add(1);
        Assert.True(rsi.IsReady);
        Assert.Equal(50.0, rsi.Value, 12);
        rsi.Add(3);
        Assert.Equal(100.0 - 100.0 / 6.0, rsi.Value, 12);
    }

    // Wilder's classic 14-period example series (as used in the StockCharts RSI tutorial).
    private static readonly double[] ClassicCloses =
    [
        44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28,
        46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57,
        43.42, 42.66, 43.13,
    ];

    // Exact values for that series, computed independently (Python, double precision, no rounding of the
    // intermediate averages). The tutorial's own table, which rounds intermediates, agrees within 0.07
    // (it prints 70.53, 66.32, 66.55, … 37.77).
    private static readonly double[] ClassicRsi =
    [
        70.46413502109705, 66.24961855355505, 66.48094183471265, 69.34685316290866, 66.29471265892624,
        57.91502067008556, 62.880718309962404, 63.20878871828778, 56.01158478954757, 62.33992931089789,
        54.67097137765516, 50.386815195114224, 40.01942379131357, 41.49263540422282, 41.90242967845811,
        45.499497238680405, 37.322778313379956, 33.09048257272339, 37.788771982057824,
    ];

    [Fact]
    public void Classic_wilder_series()
    {
        var rsi = new RelativeStrengthIndex(14);
        var values = new List<double>();
        for (int i = 0; i < ClassicCloses.Length; i++)
        {
            rsi.Add(ClassicCloses[i]);
            Assert.Equal(i >= 14, rsi.IsReady);
            if (rsi.IsReady)
                values.Add(rsi.Value);
        }

        Assert.Equal(ClassicRsi.Length, values.Count);
        for (int i = 0; i < values.Count; i++)
            Assert.Equal(ClassicRsi[i], values[i], 1e-9);
    }

    [Fact]
    public void Only_gains_is_100_and_no_movement_is_50()
    {
        var up = new RelativeStrengthIndex(3);
        var flat = new RelativeStrengthIndex(3);
        for (int i = 0; i < 10; i++)
        {
            up.Add(100 + i);
            flat.Add(100);
        }

        Assert.Equal(100.0, up.Value);
        Assert.Equal(50.0, flat.Value);
    }
}
