namespace Prometheus.Engine.Backtest;

/// <summary>
/// The figures the seed documents publish, for the whole run and for the out-of-sample tail.
/// Ratios are fractions (0.12 = 12%). Serialized camelCase; the names are a public contract.
/// </summary>
public sealed record BacktestReport
{
    public required string Data { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required long Bars { get; init; }
    public required int Agents { get; init; }
    public required int Seed { get; init; }
    public required decimal InitialCapital { get; init; }
    public required decimal FinalEquity { get; init; }
    public required decimal Roi { get; init; }
    public required decimal MaxDrawdown { get; init; }
    public required double Sharpe { get; init; }
    public required decimal WinRate { get; init; }
    public required int Trades { get; init; }
    public required double AvgHoldingHours { get; init; }
    public required decimal BuyHoldRoi { get; init; }
    public required decimal BuyHoldMaxDrawdown { get; init; }
    public required decimal FeesPaid { get; init; }
    public required int Births { get; init; }
    public required int Deaths { get; init; }
    public required int Valhalla { get; init; }
    public required int AgentsAlive { get; init; }
    public required SampleReport OutOfSample { get; init; }
    public required BestAgentReport? BestAgent { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required double AgentBarsPerSecond { get; init; }
    public required string LedgerHash { get; init; }
    public required long AgentBars { get; init; }
    /// <summary>Fills booked, and the time spent inside booking them (for the bench's fills per second).</summary>
    public required long Bookings { get; init; }
    public required double BookingSeconds { get; init; }
}

/// <summary>Figures for one stretch of the run (the out-of-sample 30% by default).</summary>
public sealed record SampleReport(
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Roi,
    decimal MaxDrawdown,
    double Sharpe,
    int Trades,
    decimal BuyHoldRoi);

/// <summary>The best living agent at the end (or the best hero when none lives).</summary>
public sealed record BestAgentReport(
    int Id,
    string Name,
    decimal Capital,
    decimal Pnl,
    int Trades,
    decimal WinRate,
    double Fitness,
    IReadOnlyDictionary<string, double> Genome);
