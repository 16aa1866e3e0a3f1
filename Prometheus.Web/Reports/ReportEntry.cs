namespace Prometheus.Web.Reports;

/// <summary>
/// One row of GET /api/reports: the file, what it is, and its headline figures (<see cref="BacktestHeadline"/> or
/// <see cref="ResearchHeadline"/>; null when unreadable, with <see cref="Reason"/>). A ratio that is not a number is null.
/// </summary>
public sealed record ReportEntry(string Name, string Kind, DateTimeOffset WrittenAt, long SizeBytes, string? Reason, object? Summary)
{
    public static ReportEntry Of(ReportDocument document) => new(document.Name, document.Kind, document.WrittenAt, document.SizeBytes,
        document.Reason,
        document.Backtest is { } b ? new BacktestHeadline(b.From, b.To, b.Agents, b.Seed, b.Profile, b.Roi, Finite(b.Sharpe), b.MaxDrawdown,
            b.BuyHold.Roi, b.ExposureMatched.Roi)
        : document.Research is { } r ? new ResearchHeadline(r.Period.From, r.Period.To, r.Settings.SeedCount, r.Settings.Agents, r.Settings.Windows,
            r.Profile, Finite(r.Summary.Population.Sharpe.Median), r.Summary.Verdict)
        : null);

    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>A backtest report's headline: the population's return, Sharpe and drawdown beside buy-and-hold's and the exposure-matched return.</summary>
public sealed record BacktestHeadline(DateTimeOffset From, DateTimeOffset To, int Agents, int Seed, string Profile, decimal Roi, double? Sharpe,
    decimal MaxDrawdown, decimal BuyHoldRoi, decimal ExposureMatchedRoi);

/// <summary>A research report's headline: its layout, the population's median test Sharpe over seeds, and the verdict.</summary>
public sealed record ResearchHeadline(DateTimeOffset From, DateTimeOffset To, int Seeds, int Agents, int Windows, string Profile,
    double? MedianSharpe, string Verdict);
