namespace Prometheus.Engine.Backtest;

/// <summary>Return, drawdown and a daily Sharpe ratio of an equity curve fed bar by bar.</summary>
internal sealed class EquityStatistics(decimal startEquity, long startMs)
{
    private const long DayMs = 86_400_000;
    private readonly Agents.Performance _daily = CreateDaily(startEquity);
    private long _day = startMs / DayMs;
    private decimal _last = startEquity;

    public decimal Start { get; } = startEquity;
    public decimal MaxDrawdown => _daily.MaxDrawdown;
    public decimal Roi => Start == 0m ? 0m : _last / Start - 1m;
    public double Sharpe => _daily.Sharpe(365);

    public void Observe(long nowMs, decimal equity)
    {
        var day = nowMs / DayMs;
        if (day != _day)
        {
            _day = day;
            _daily.Sample(_last); // the close of the previous day
        }
        _last = equity;
        _daily.ObservePeak(equity);
    }

    private static Agents.Performance CreateDaily(decimal equity)
    {
        var p = new Agents.Performance();
        p.Start(equity);
        return p;
    }
}
