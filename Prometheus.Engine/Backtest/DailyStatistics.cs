namespace Prometheus.Engine.Backtest;

/// <summary>
/// Statistics of daily return series: annualised Sharpe ratio, and alpha, beta and information ratio against a
/// benchmark's daily returns over the same days. Crypto trades every day: a year is 365 of them.
/// </summary>
public static class DailyStatistics
{
    public const double DaysPerYear = 365;

    public static double Mean(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return 0;
        var sum = 0.0;
        foreach (var v in x) sum += v;
        return sum / x.Length;
    }

    /// <summary>Sample standard deviation (n − 1); 0 with fewer than two values.</summary>
    public static double StdDev(ReadOnlySpan<double> x)
    {
        if (x.Length < 2) return 0;
        var mean = Mean(x);
        var ss = 0.0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (x.Length - 1));
    }

    public static double Sharpe(ReadOnlySpan<double> returns)
    {
        var sd = StdDev(returns);
        return sd > 1e-12 ? Mean(returns) / sd * Math.Sqrt(DaysPerYear) : 0;
    }

    /// <summary>
    /// Beta = cov(r, b) / var(b) (0 when the benchmark does not move); alpha = the annualised mean of r − beta × b,
    /// i.e. the yearly return not explained by the exposure to the benchmark.
    /// </summary>
    public static (double Alpha, double Beta) AlphaBeta(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        var n = Math.Min(returns.Length, benchmark.Length);
        if (n < 2) return (0, 0);
        returns = returns[..n];
        benchmark = benchmark[..n];
        double mr = Mean(returns), mb = Mean(benchmark), cov = 0, var = 0;
        for (var i = 0; i < n; i++)
        {
            cov += (returns[i] - mr) * (benchmark[i] - mb);
            var += (benchmark[i] - mb) * (benchmark[i] - mb);
        }
        var beta = var > 1e-18 ? cov / var : 0;
        return ((mr - beta * mb) * DaysPerYear, beta);
    }

    /// <summary>Annualised mean of the daily excess returns over the benchmark, over their standard deviation; 0 when undefined.</summary>
    public static double InformationRatio(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        var n = Math.Min(returns.Length, benchmark.Length);
        if (n < 2) return 0;
        var excess = new double[n];
        for (var i = 0; i < n; i++) excess[i] = returns[i] - benchmark[i];
        return Sharpe(excess);
    }
}
