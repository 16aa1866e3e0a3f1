using System.Diagnostics;
using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Measures the real backtest path (the same <see cref="BacktestRunner"/>): agent-bars per second over the whole
/// series, fills booked per second inside the booking step, and the process's peak working set.
/// </summary>
public static class BenchRunner
{
    public static BenchReport Run(string dataPath, int agents, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default)
    {
        var report = BacktestRunner.Run(new BacktestSettings(dataPath, agents, Seed: 1), options, progress, ct);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new BenchReport(new BenchBacktest(
            Agents: agents,
            Bars: report.Bars,
            AgentBarsPerSecond: report.AgentBarsPerSecond,
            FillsPerSecond: report.BookingSeconds > 0 ? report.Bookings / report.BookingSeconds : 0,
            PeakWorkingSetMb: process.PeakWorkingSet64 / (1024.0 * 1024.0),
            Seconds: report.ElapsedSeconds,
            Data: Path.GetFileName(dataPath)));
    }
}
