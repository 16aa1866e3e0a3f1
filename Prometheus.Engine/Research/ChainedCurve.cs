using Prometheus.Engine.Backtest;

namespace Prometheus.Engine.Research;

/// <summary>
/// Test windows traded one after another, each from the same capital, joined as if the capital had rolled from one
/// window into the next: returns compound, daily returns are concatenated, and the maximum drawdown also sees a peak
/// in one window followed by a trough in a later one. Trades and costs add up.
/// </summary>
internal sealed class ChainedCurve
{
    private readonly List<double> _daily = [];
    private readonly List<double> _levels = [];
    private readonly List<long> _days = [];
    private double _level = 1, _max = 1, _min = 1, _maxDrawdown;

    public int Trades { get; private set; }
    public decimal FeesPaid { get; private set; }
    public decimal FundingPaid { get; private set; }
    public IReadOnlyList<double> DailyReturns => _daily;
    /// <summary>Equity at the end of each day, relative to the start (1).</summary>
    public IReadOnlyList<double> DailyLevels => _levels;
    /// <summary>The UTC day of each of <see cref="DailyLevels"/>.</summary>
    public IReadOnlyList<long> Days => _days;
    public decimal Roi => (decimal)(_level - 1);
    public decimal MaxDrawdown => (decimal)_maxDrawdown;

    public void Append(EquityCurve window, int trades, decimal fees, decimal funding)
    {
        Trades += trades;
        FeesPaid += fees;
        FundingPaid += funding;
        if (window.Start <= 0m) return;
        var scale = _level / (double)window.Start;
        var windowMin = (double)window.Min * scale;
        // A peak before this window and a trough inside it: the drawdown across the join.
        if (_max > 0) _maxDrawdown = Math.Max(_maxDrawdown, Math.Max((double)window.MaxDrawdown, (_max - windowMin) / _max));
        _max = Math.Max(_max, (double)window.Max * scale);
        _min = Math.Min(_min, windowMin);
        foreach (var r in window.DailyReturns()) _daily.Add(r);
        foreach (var close in window.DailyCloses) _levels.Add((double)close * scale);
        _days.AddRange(window.Days);
        _level = (double)window.Last * scale;
    }
}
