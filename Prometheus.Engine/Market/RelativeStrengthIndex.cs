namespace Prometheus.Engine.Market;

/// <summary>
/// Wilder's RSI. The first average gain and loss are the simple means of the first <see cref="Period"/>
/// close-to-close changes; after that each is smoothed as avg = (avg·(n − 1) + x) / n.
/// RSI = 100 − 100 / (1 + avgGain / avgLoss); 100 when there are gains and no losses, 50 when the price did not move.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private bool _hasPrevious;
    private double _previous;
    private int _changes;
    private double _averageGain;
    private double _averageLoss;

    public RelativeStrengthIndex(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    public int Period { get; }

    /// <summary>True once <see cref="Period"/> changes (<see cref="Period"/> + 1 closes) have been seen.</summary>
    public bool IsReady => _changes >= Period;

    /// <summary>0..100; 50 until <see cref="IsReady"/>.</summary>
    public double Value
    {
        get
        {
            if (!IsReady)
                return 50.0;
            if (_averageLoss == 0.0)
                return _averageGain == 0.0 ? 50.0 : 100.0;
            return 100.0 - 100.0 / (1.0 + _averageGain / _averageLoss);
        }
    }

    public void Add(double close)
    {
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            _previous = close;
            return;
        }

        double change = close - _previous;
        _previous = close;
        double gain = change > 0.0 ? change : 0.0;
        double loss = change < 0.0 ? -change : 0.0;

        if (_changes < Period)
        {
            _averageGain += gain;
            _averageLoss += loss;
            if (++_changes == Period)
            {
                _averageGain /= Period;
                _averageLoss /= Period;
            }
            return;
        }

        _averageGain = (_averageGain * (Period - 1) + gain) / Period;
        _averageLoss = (_averageLoss * (Period - 1) + loss) / Period;
    }
}
