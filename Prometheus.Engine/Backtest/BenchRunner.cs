using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Backtest;

/// <summary>Measures the real backtest path: agent-bars per second, fills per second, peak working set.</summary>
public static class BenchRunner
{
    public static BenchReport Run(string dataPath, int agents, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default) =>
        throw new NotImplementedException("being written in this session");
}
