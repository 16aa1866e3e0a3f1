namespace Prometheus.Engine.Market;

/// <summary>
/// Exponential moving average with α = 2 / (period + 1), seeded with the simple mean of the first
/// <see cref="Period"/> values (the TA-Lib convention): EMAₜ = EMAₜ₋₁ + α·(xₜ − EMAₜ₋₁).
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly double _alpha;
    private int _count;
    private double _value;

    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _alpha = 2.0 / (period + 1);
    }

    public int Period { get; }

    /// <summary>True once <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => _count >= Period;

    /// <summary>The average; 0 until <see cref="IsReady"/>.</summary>
    public double Value => IsReady ? _value : 0.0;

    public void Add(double value)
    {
        if (_count < Period)
        {
            _value += value;
            if (++_count == Period)
                _value /= Period;
            return;
        }

        _value += _alpha * (value - _value);
    }
}
