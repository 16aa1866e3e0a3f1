using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Backtest;

/// <summary>Runs the whole population over a candle file through the live Supervisor, agents, risk and ledger code.</summary>
public static class BacktestRunner
{
    public static BacktestReport Run(BacktestSettings settings, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default) =>
        throw new NotImplementedException("being written in this session");
}
