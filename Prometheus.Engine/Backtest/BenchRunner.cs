using System.Diagnostics;
using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Measures the real backtest path (the same <see cref="BacktestRunner"/>): agent-bars per second over the whole
/// series, fills booked per second inside the booking step, and the process's peak working set; then the store's
/// paths (<see cref="PersistenceBench"/>): durable booking, checkpoint and restore; and a full reconciliation of 100 agents
/// against 10,000 fills (<see cref="ReconciliationBench"/>).
/// </summary>
public static class BenchRunner
{
    /// <param name="records">Trade records in the ledger the restore is timed on.</param>
    public static BenchReport Run(string dataPath, int agents, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default, int records = 1_000_000)
    {
        var report = BacktestRunner.Run(new BacktestSettings(dataPath, agents, Seed: 1), options, progress, ct);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakMb = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        var (booking, checkpoint, restore) = PersistenceBench.Run(options, records: records, ct: ct);
        return new BenchReport(new BenchBacktest(
            Agents: agents,
            Bars: report.Bars,
            AgentBarsPerSecond: report.AgentBarsPerSecond,
            FillsPerSecond: report.BookingSeconds > 0 ? report.Bookings / report.BookingSeconds : 0,
            PeakWorkingSetMb: peakMb,
            Seconds: report.ElapsedSeconds,
            Data: Path.GetFileName(dataPath)), booking, checkpoint, restore, ReconciliationBench.Run());
    }
}
