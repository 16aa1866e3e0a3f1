namespace Prometheus.Engine.Backtest;

/// <summary>The bench verb's JSON: one section per measured path (the persistence ones are null when skipped).</summary>
public sealed record BenchReport(BenchBacktest Backtest, BenchBooking? Booking = null, BenchCheckpoint? Checkpoint = null, BenchRestore? Restore = null,
    ReconciliationBenchReport? Reconciliation = null, BenchOrderRoundTrip? OrderRoundTrip = null);

/// <summary>An order through the OKX gateway against exchange-sim on loopback: placed, its fill pushed, booked.</summary>
public sealed record BenchOrderRoundTrip(int Orders, double P50Ms, double P99Ms);

public sealed record BenchBacktest(
    int Agents,
    long Bars,
    double AgentBarsPerSecond,
    double FillsPerSecond,
    double PeakWorkingSetMb,
    double Seconds,
    string Data);
