namespace Prometheus.Engine.Market;

/// <summary>
/// Mean and standard deviation of the last <see cref="Length"/> values, in O(1) per value and
/// with no allocation after construction.
/// </summary>
/// <remarks>
/// Running sums of a naive Σx, Σx² lose most of their digits on prices (x² ≈ 10⁹ while the
/// variance may be ≈ 10). So the sums are kept of x − anchor, where the anchor is the window's mean,
/// and every <see cref="Length"/> values the anchor and both sums are recomputed exactly from the
/// window (O(Length) once per Length values: amortised O(1)). This keeps the results within about
/// 1e-12 (relative) of a two-pass computation indefinitely.
/// </remarks>
public sealed class RollingStatistics
{
    private readonly double[] _window;
    private int _count;
    private int _next;
    private double _anchor;
    private double _sum;
    private double _sumOfSquares;
    private int _sinceRebase;

    public RollingStatistics(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _window = new double[length];
    }

    /// <summary>How many values the window holds when full.</summary>
    public int Length => _window.Length;

    /// <summary>How many values the window holds now (at most <see cref="Length"/>).</summary>
    public int Count => _count;

    public bool IsFull => _count == _window.Length;

    /// <summary>The mean of the values in the window (0 when empty).</summary>
    public double Mean => _count == 0 ? 0.0 : _anchor + _sum / _count;

    /// <summary>Population standard deviation (divides by n); 0 when empty.</summary>
    public double PopulationStandardDeviation => _count == 0 ? 0.0 : Math.Sqrt(SumOfSquaredDeviations / _count);

    /// <summary>Sample standard deviation (divides by n − 1); 0 with fewer than two values.</summary>
    public double SampleStandardDeviation => _count < 2 ? 0.0 : Math.Sqrt(SumOfSquaredDeviations / (_count - 1));

    private double SumOfSquaredDeviations => Math.Max(0.0, _sumOfSquares - _sum * _sum / _count);

    /// <summary>Adds a value, dropping the oldest one once the window is full. NaN and infinities are rejected.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "must be a finite number");

        if (_count == 0)
            _anchor = value;

        if (_count == _window.Length)
        {
            double old = _window[_next] - _anchor;
            _sum -= old;
            _sumOfSquares -= old * old;
        }
        else
        {
            _count++;
        }

        double d = value - _anchor;
        _sum += d;
        _sumOfSquares += d * d;
        _window[_next] = value;
        _next = _next + 1 == _window.Length ? 0 : _next + 1;

        if (++_sinceRebase >= _window.Length)
            Rebase();
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        _count = 0;
        _next = 0;
        _anchor = _sum = _sumOfSquares = 0.0;
        _sinceRebase = 0;
    }

    private void Rebase()
    {
        _sinceRebase = 0;
        double total = 0.0;
        for (int i = 0; i < _count; i++)
            total += _window[i];
        double mean = total / _count;

        double sum = 0.0, sumOfSquares = 0.0;
        for (int i = 0; i < _count; i++)
        {
            double d = _window[i] - mean;
            sum += d;
            sumOfSquares += d * d;
        }

        _anchor = mean;
        _sum = sum;
        _sumOfSquares = sumOfSquares;
    }
}
