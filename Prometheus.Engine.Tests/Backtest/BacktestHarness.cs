using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>Runs real backtests on slices of the shipped data, once per setting, shared by the tests that read them.</summary>
internal static class BacktestHarness
{
    public const string Okx15m = "btc-usdt-swap-15m-okx-20230101-20260418.csv.gz";

    private static readonly Lazy<(BacktestReport Report, Supervisor Supervisor, SimulatedExchange Exchange)> Golden =
        new(() => Run(new BacktestSettings(TestData.Path(Okx15m), Agents: 12, Seed: 7, new DateOnly(2023, 1, 1), new DateOnly(2023, 4, 30))));

    public static (BacktestReport Report, Supervisor Supervisor, SimulatedExchange Exchange) GoldenRun => Golden.Value;

    public static (BacktestReport Report, Supervisor Supervisor, SimulatedExchange Exchange) Run(BacktestSettings settings, EngineOptions? options = null) =>
        BacktestRunner.RunWithStateAsync(settings, options ?? new EngineOptions(), null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
