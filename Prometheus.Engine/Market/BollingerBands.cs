namespace Prometheus.Engine.Market;

/// <summary>
/// Bollinger Bands: middle = simple mean of the last <c>period</c> closes, upper/lower = middle ± width·σ,
/// σ the population standard deviation of those closes (Bollinger's definition), and
/// %B = (close − lower) / (upper − lower).
/// Until the window is full the bands all equal the last close and %B is 0.5; %B is also 0.5 when the
/// bands coincide (a perfectly flat window).
/// </summary>
public sealed class BollingerBands
{
    private readonly RollingStatistics _closes;
    private readonly double _width;
    private double _last;

    public BollingerBands(int period, double width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        if (!double.IsFinite(width) || width <= 0.0)
            throw new ArgumentOutOfRangeException(nameof(width), width, "must be a positive number");
        _closes = new RollingStatistics(period);
        _width = width;
    }

    public int Period => _closes.Length;

    public bool IsReady => _closes.IsFull;

    public double Middle => IsReady ? _closes.Mean : _last;

    public double Upper => IsReady ? _closes.Mean + _width * _closes.PopulationStandardDeviation : _last;

    public double Lower => IsReady ? _closes.Mean - _width * _closes.PopulationStandardDeviation : _last;

    public double PercentB
    {
        get
        {
            if (!IsReady)
                return 0.5;
            double upper = Upper, lower = Lower;
            return upper > lower ? (_last - lower) / (upper - lower) : 0.5;
        }
    }

    public void Add(double close)
    {
        _closes.Add(close);
        _last = close;
    }
}
