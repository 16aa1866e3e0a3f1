namespace Prometheus.Engine.Backtest;

/// <summary>
/// An equity curve fed bar by bar: return, maximum drawdown at bar resolution, and the closing equity of every UTC day,
/// from which the daily returns (Sharpe, alpha, beta, information ratio) are taken. Curves fed over the same bars have
/// their days aligned, so their daily returns can be compared day by day.
/// </summary>
public sealed class EquityCurve
{
    private const long DayMs = 86_400_000;
    private readonly List<decimal> _dailyCloses = [];
    private readonly List<long> _days = [];
    private long _day = long.MinValue;
    private decimal _peak, _trough;

    public EquityCurve(decimal startEquity)
    {
        Start = startEquity;
        Last = startEquity;
        _peak = _trough = startEquity;
        Min = startEquity;
    }

    /// <summary>The highest equity seen (the start included).</summary>
    public decimal Max => _peak;

    /// <summary>The lowest equity seen (the start included).</summary>
    public decimal Min { get; private set; }

    public decimal Start { get; }
    public decimal Last { get; private set; }
    public decimal MaxDrawdown { get; private set; }
    public decimal Roi => Start == 0m ? 0m : Last / Start - 1m;

    /// <summary>The equity at the last bar of every UTC day seen (the last day's as it stands now).</summary>
    public IReadOnlyList<decimal> DailyCloses => _dailyCloses;

    /// <summary>Observes the equity after the bar that closes at <paramref name="closeMs"/>.</summary>
    public void Observe(long closeMs, decimal equity)
    {
        // A bar closing exactly at midnight belongs to the day it ends.
        var day = (closeMs - 1) / DayMs;
        if (day != _day)
        {
            _day = day;
            _dailyCloses.Add(equity);
            _days.Add(day);
        }
        else
            _dailyCloses[^1] = equity;
        Last = equity;
        if (equity < Min) Min = equity;
        if (equity > _peak)
        {
            _peak = _trough = equity;
        }
        else if (equity < _trough && _peak > 0m)
        {
            _trough = equity;
            var drawdown = (_peak - equity) / _peak;
            if (drawdown > MaxDrawdown) MaxDrawdown = drawdown;
        }
    }

    /// <summary>The UTC day (days since 1970-01-01) of each of <see cref="DailyCloses"/>.</summary>
    public IReadOnlyList<long> Days => _days;

    /// <summary>Daily simple returns (each day's close over the previous one's, the first over the start); from zero equity, 0.</summary>
    public double[] DailyReturns()
    {
        var returns = new double[_dailyCloses.Count];
        var previous = Start;
        for (var i = 0; i < _dailyCloses.Count; i++)
        {
            returns[i] = previous == 0m ? 0 : (double)(_dailyCloses[i] / previous - 1m);
            previous = _dailyCloses[i];
        }
        return returns;
    }

    /// <summary>Annualised Sharpe ratio of the daily returns (365 days, no risk-free rate); 0 when undefined.</summary>
    public double Sharpe => DailyStatistics.Sharpe(DailyReturns());
}
