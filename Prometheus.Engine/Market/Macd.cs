namespace Prometheus.Engine.Market;

/// <summary>
/// MACD: line = EMA(fast) − EMA(slow) of the close, signal = EMA(signal) of the line, histogram = line − signal.
/// Both price EMAs start at the first close (each seeded by its own simple mean, see
/// <see cref="ExponentialMovingAverage"/>); the signal EMA starts at the first defined line value.
/// The line is defined after <c>slow</c> closes, the signal after <c>slow + signal − 1</c>.
/// </summary>
public sealed class Macd
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    public Macd(int fast, int slow, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        _fast = new ExponentialMovingAverage(fast);
        _slow = new ExponentialMovingAverage(slow);
        _signal = new ExponentialMovingAverage(signal);
    }

    /// <summary>True once the signal line is defined.</summary>
    public bool IsReady => _signal.IsReady;

    /// <summary>EMA(fast) − EMA(slow); 0 until the slow EMA is defined.</summary>
    public double Line => _slow.IsReady ? _fast.Value - _slow.Value : 0.0;

    /// <summary>EMA of the line; 0 until <see cref="IsReady"/>.</summary>
    public double Signal => _signal.Value;

    /// <summary>Line − signal; 0 until <see cref="IsReady"/>.</summary>
    public double Histogram => IsReady ? Line - Signal : 0.0;

    public void Add(double close)
    {
        _fast.Add(close);
        _slow.Add(close);
        if (_slow.IsReady)
            _signal.Add(_fast.Value - _slow.Value);
    }
}
