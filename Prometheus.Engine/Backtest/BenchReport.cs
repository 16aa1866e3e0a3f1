namespace Prometheus.Engine.Backtest;

/// <summary>The bench verb's JSON. Later issues add sections next to <see cref="Backtest"/>.</summary>
public sealed record BenchReport(BenchBacktest Backtest);

public sealed record BenchBacktest(
    int Agents,
    long Bars,
    double AgentBarsPerSecond,
    double FillsPerSecond,
    double PeakWorkingSetMb,
    double Seconds,
    string Data);
