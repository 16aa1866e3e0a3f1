using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>A backtest runs the trading loop paper and live run: unpaced, on a feed that ends with its range.</summary>
public sealed class BacktestLoopTests
{
    private static readonly BacktestSettings TwoMonths =
        new(TestData.Path(BacktestHarness.Okx15m), Agents: 8, Seed: 3, new DateOnly(2023, 1, 1), new DateOnly(2023, 2, 28));

    [Fact]
    public void The_loop_ends_with_the_range_having_run_one_cycle_per_traded_bar()
    {
        var (report, supervisor, _) = BacktestHarness.Run(TwoMonths);

        // The bars after the warm-up, each one cycle of the loop (the warm-up feeds the indicators, not the loop).
        var bars = CandleFileReader.Read(TestData.Path(BacktestHarness.Okx15m))
            .Count(c => c.TimestampMs < new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        Assert.Equal(bars - report.Period.WarmupBars, supervisor.Cycle);
        Assert.True(report.Trades > 0);
    }

    [Fact]
    public async Task A_cancelled_backtest_stops_between_cycles_and_says_so()
    {
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BacktestRunner.RunWithStateAsync(TwoMonths, new EngineOptions(), new CancelAfterFirstBars(cancel), cancel.Token).AsTask());
    }

    /// <summary>Cancels as soon as the run reports it is past its first bars (on the loop's thread, so the stop is deterministic).</summary>
    private sealed class CancelAfterFirstBars(CancellationTokenSource cancel) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value)
        {
            if (value.BarsDone > 500) cancel.Cancel();
        }
    }
}
