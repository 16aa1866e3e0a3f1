namespace Prometheus.Engine.Backtest;

/// <summary>
/// The figures of one backtest, over the bars after the indicators' warm-up (<see cref="Period"/>): the population's,
/// and beside them the benchmarks over exactly the same bars. Ratios are fractions (0.12 = 12%).
/// Serialized camelCase; the names are a public contract.
/// </summary>
public sealed record BacktestReport
{
    public required string Data { get; init; }
    /// <summary>The traded period (the warm-up excluded); <see cref="Bars"/> counts its bars.</summary>
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required long Bars { get; init; }
    public required PeriodReport Period { get; init; }
    public required int Agents { get; init; }
    /// <summary>The instruments the agents were assigned, with the fills booked on each.</summary>
    public IReadOnlyList<InstrumentFills> Instruments { get; init; } = [];
    public required int Seed { get; init; }
    public required string Profile { get; init; }
    public required decimal InitialCapital { get; init; }
    public required decimal FinalEquity { get; init; }
    /// <summary>Return on the whole book (pool included).</summary>
    public required decimal Roi { get; init; }
    /// <summary>The same profit over the capital given to agents at the start (the pool left out).</summary>
    public required decimal RoiOnDeployed { get; init; }
    public required decimal MaxDrawdown { get; init; }
    public required double Sharpe { get; init; }
    public required decimal WinRate { get; init; }
    public required int Trades { get; init; }
    public required double AvgHoldingHours { get; init; }
    public required decimal BuyHoldRoi { get; init; }
    public required decimal BuyHoldMaxDrawdown { get; init; }
    public required decimal FeesPaid { get; init; }
    /// <summary>Net funding the agents paid on swap positions (negative: received).</summary>
    public required decimal FundingPaid { get; init; }
    public required FundingEventsReport FundingEvents { get; init; }
    public required BenchmarkReport BuyHold { get; init; }
    public required BenchmarkReport ExposureMatched { get; init; }
    public required BenchmarkReport Cash { get; init; }
    /// <summary>Annualised return not explained by the exposure to buy-and-hold (daily returns).</summary>
    public required double Alpha { get; init; }
    public required double Beta { get; init; }
    /// <summary>Annualised mean daily excess return over the exposure-matched benchmark, over its standard deviation.</summary>
    public required double InformationRatio { get; init; }
    /// <summary>Average over the bars of (long − short notional) / book equity.</summary>
    public required double AvgNetExposure { get; init; }
    public required double AvgGrossExposure { get; init; }
    /// <summary>Average share of the book's equity held by agents (the rest idles in the Mastermind's pool).</summary>
    public required double DeployedShare { get; init; }
    public required int Births { get; init; }
    public required int Deaths { get; init; }
    public required int Valhalla { get; init; }
    public required int AgentsAlive { get; init; }
    public required SampleReport OutOfSample { get; init; }
    /// <summary>The median agent by final equity, among those alive at the end and every dead one (no survivorship).</summary>
    public required AgentFigures? MedianAgent { get; init; }
    /// <summary>The best agent alive at the end, picked after the fact: survivorship, not a result.</summary>
    public required BestAgentReport? BestAgent { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required double AgentBarsPerSecond { get; init; }
    public required string LedgerHash { get; init; }
    public required long AgentBars { get; init; }
    /// <summary>Fills booked, and the time spent inside booking them (for the bench's fills per second).</summary>
    public required long Bookings { get; init; }
    public required double BookingSeconds { get; init; }
}

/// <summary>The traded period and the warm-up bars before it (read by the indicators, never traded, never measured).</summary>
public sealed record PeriodReport(DateTimeOffset From, DateTimeOffset To, int WarmupBars);

/// <summary>Funding times of the period that used OKX's recorded rate, and those that used the default rate.</summary>
public sealed record FundingEventsReport(int Recorded, int Defaulted);

/// <summary>
/// A benchmark over the population's bars: <see cref="Exposure"/> is its constant share of equity in the swap
/// (1 for buy-and-hold, 0 for cash).
/// </summary>
public sealed record BenchmarkReport(decimal Exposure, decimal Roi, double Sharpe, decimal MaxDrawdown, decimal FeesPaid, decimal FundingPaid);

/// <summary>Figures for one stretch of the run (the out-of-sample 30% after the warm-up by default).</summary>
public sealed record SampleReport(
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Roi,
    decimal MaxDrawdown,
    double Sharpe,
    int Trades,
    decimal BuyHoldRoi);

/// <summary>One agent's own figures: return on what it was given, daily Sharpe, drawdown, fills.</summary>
public sealed record AgentFigures(int Id, decimal Roi, double Sharpe, decimal MaxDrawdown, int Trades);

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

/// <summary>One traded instrument of a backtest (okx:BTC-USDT-SWAP) and how many fills were booked on it.</summary>
public sealed record InstrumentFills(string Id, int Fills);
