namespace Prometheus.Engine.Agents;

/// <summary>
/// Running statistics of an equity series sampled at a fixed period (daily): mean and variance of returns
/// (Welford), peak and maximum drawdown. O(1) memory, so a long life costs nothing.
/// </summary>
public sealed class Performance
{
    public decimal LastEquity { get; private set; }
    public decimal PeakEquity { get; private set; }
    public decimal MaxDrawdown { get; private set; }
    public int Samples { get; private set; }
    public double MeanReturn { get; private set; }
    private double _m2;

    public double ReturnStdDev => Samples > 1 ? Math.Sqrt(_m2 / (Samples - 1)) : 0;

    /// <summary>Sharpe-like ratio of the sampled returns, annualised with <paramref name="periodsPerYear"/>; 0 when undefined.</summary>
    public double Sharpe(double periodsPerYear)
    {
        var sd = ReturnStdDev;
        return Samples > 1 && sd > 1e-12 ? MeanReturn / sd * Math.Sqrt(periodsPerYear) : 0;
    }

    public void Start(decimal equity)
    {
        LastEquity = equity;
        PeakEquity = equity;
        _trough = equity;
    }

    public void Sample(decimal equity)
    {
        if (LastEquity > 0m)
        {
            var r = (double)(equity / LastEquity - 1m);
            Samples++;
            var delta = r - MeanReturn;
            MeanReturn += delta / Samples;
            _m2 += delta * (r - MeanReturn);
        }
        LastEquity = equity;
        ObservePeak(equity);
    }

    /// <summary>Tracks the drawdown at a finer grain than the return samples; true when anything moved.</summary>
    public bool ObservePeak(decimal equity)
    {
        if (equity > PeakEquity)
        {
            PeakEquity = equity;
            _trough = equity;
            return true;
        }
        if (equity < _trough && PeakEquity > 0m)
        {
            // Only a new low since the peak can deepen the drawdown: divide only then.
            _trough = equity;
            var dd = (PeakEquity - equity) / PeakEquity;
            if (dd > MaxDrawdown) MaxDrawdown = dd;
            return true;
        }
        return false;
    }

    private decimal _trough;

    public PerformanceState Save() => new(LastEquity, PeakEquity, MaxDrawdown, Samples, MeanReturn, _m2, _trough);

    public static Performance Restore(PerformanceState s) => new()
    {
        LastEquity = s.LastEquity, PeakEquity = s.PeakEquity, MaxDrawdown = s.MaxDrawdown,
        Samples = s.Samples, MeanReturn = s.MeanReturn, _m2 = s.M2, _trough = s.Trough,
    };
}

/// <summary>Performance as plain data; <see cref="Trough"/> is the lowest equity since the last peak.</summary>
public sealed record PerformanceState(decimal LastEquity, decimal PeakEquity, decimal MaxDrawdown, int Samples, double MeanReturn, double M2, decimal Trough);
