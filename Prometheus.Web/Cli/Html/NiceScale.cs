namespace Prometheus.Web.Cli.Html;

/// <summary>
/// An axis over a range of values: bounds rounded out to a step of 1, 2 or 5 times a power of ten, about
/// <c>targetTicks</c> ticks between them, and a linear map from a value to a coordinate.
/// </summary>
internal sealed class NiceScale
{
    public double Min { get; }
    public double Max { get; }
    public double Step { get; }

    private NiceScale(double min, double max, double step) => (Min, Max, Step) = (min, max, step);

    /// <summary>The scale covering every finite value given; a single value or none gets a range around it.</summary>
    public static NiceScale Covering(IEnumerable<double> values, int targetTicks = 5)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (double.IsPositiveInfinity(lo)) (lo, hi) = (0, 1);
        if (hi - lo < 1e-12)
        {
            var pad = Math.Abs(lo) < 1e-12 ? 1 : Math.Abs(lo) * 0.1;
            (lo, hi) = (lo - pad, hi + pad);
        }

        var raw = (hi - lo) / Math.Max(1, targetTicks);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        var step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
        return new NiceScale(Math.Floor(lo / step + 1e-9) * step, Math.Ceiling(hi / step - 1e-9) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var k = 0; k <= count; k++) yield return Min + k * Step;
    }

    /// <summary>The decimals a tick label needs to tell ticks apart.</summary>
    public int Decimals => Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));

    /// <summary>Maps <paramref name="value"/> from [Min, Max] onto [from, to] (to may be below from: an upward y axis).</summary>
    public double Map(double value, double from, double to) => from + (value - Min) / (Max - Min) * (to - from);
}
