using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>
/// Regression figures (Lean's ExpectedStatistics): 12 agents, seed 7, OKX BTC-USDT-SWAP 15m from 2023-01-01 to
/// 2023-04-30, default options. Any change to the engine's behaviour moves these; update them only on purpose,
/// and say why in the commit.
/// </summary>
public class GoldenBacktestTests
{
    [Fact]
    public void The_golden_backtest_reproduces_its_figures_exactly()
    {
        var report = BacktestHarness.GoldenRun.Report;
        // 30 days of warm-up (2,881 bars) are read, never traded: the period starts after them.
        Assert.Equal(2_881, report.Period.WarmupBars);
        Assert.Equal(8_639, report.Bars);
        Assert.Equal(100_000m, report.InitialCapital);
        Assert.Equal(110430.82956551648195513189m, report.FinalEquity);
        Assert.Equal(0.1043082956551648195513189m, report.Roi);
        Assert.Equal(0.1168160934023287463900332613m, report.MaxDrawdown);
        Assert.Equal(1.362795728959224, report.Sharpe);
        Assert.Equal(0.5311355311355311355311355311m, report.WinRate);
        Assert.Equal(987, report.Trades);
        Assert.Equal(49.61080586080586, report.AvgHoldingHours);
        Assert.Equal(0.2525662993161m, report.BuyHoldRoi);
        Assert.Equal(0.2266909094445182352422016963m, report.BuyHoldMaxDrawdown);
        Assert.Equal(1839.8534610095200m, report.FeesPaid);
        Assert.Equal(705.42214102m, report.FundingPaid);
        Assert.Equal(54, report.Births);
        Assert.Equal(43, report.Deaths);
        Assert.Equal(43, report.Valhalla);
        Assert.Equal(23, report.AgentsAlive);
        Assert.Equal(-0.0090790795597871738941322715m, report.OutOfSample.Roi);
        Assert.Equal(0.0526004833198695374346051746m, report.OutOfSample.MaxDrawdown);
        Assert.Equal(214, report.OutOfSample.Trades);
        Assert.Equal(0.0428814605154584944419623614m, report.OutOfSample.BuyHoldRoi);
        Assert.Equal(47, report.BestAgent!.Id);
        Assert.Equal("608d3c68c646c256416457c2556be1aa9f8b60c7c55f0a6c0e8922958ee8d483", report.LedgerHash);
    }

    [Fact]
    public void Beside_the_population_the_benchmarks_cover_the_same_bars_at_the_populations_own_exposure()
    {
        var report = BacktestHarness.GoldenRun.Report;
        Assert.Equal(report.From, report.Period.From);
        Assert.Equal(1m, report.BuyHold.Exposure);
        Assert.Equal(report.BuyHoldRoi, report.BuyHold.Roi);
        Assert.Equal(decimal.Round((decimal)report.AvgNetExposure, 6), report.ExposureMatched.Exposure);
        Assert.Equal(0m, report.Cash.Roi);
        Assert.True(report.BuyHold.FundingPaid > 0m, "a long swap pays the positive default rate");
        Assert.Equal(0, report.FundingEvents.Recorded); // OKX's recorded rates start in October 2025
        Assert.Equal(3 * 90, report.FundingEvents.Defaulted);
        Assert.InRange(report.Beta, -2, 2);
        Assert.InRange(report.DeployedShare, 0, 1);
        Assert.True(report.AvgGrossExposure >= Math.Abs(report.AvgNetExposure));
        Assert.NotNull(report.MedianAgent);
        Assert.Equal(report.FundingPaid, BacktestHarness.GoldenRun.Supervisor.Ledger.Funding.Sum(f => f.Paid));
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_ledger_and_another_seed_does_not()
    {
        var settings = new BacktestSettings(TestData.Path(BacktestHarness.Okx15m), Agents: 5, Seed: 99, new DateOnly(2023, 2, 1), new DateOnly(2023, 3, 20));
        var first = BacktestRunner.Run(settings, new EngineOptions());
        var second = BacktestRunner.Run(settings, new EngineOptions());
        var other = BacktestRunner.Run(settings with { Seed = 100 }, new EngineOptions());
        Assert.True(first.Trades > 0);
        Assert.Equal(first.LedgerHash, second.LedgerHash);
        Assert.Equal(first.FinalEquity, second.FinalEquity);
        Assert.NotEqual(first.LedgerHash, other.LedgerHash);
    }

    [Fact]
    public void The_out_of_sample_tail_is_the_last_thirty_percent_with_evolution_frozen()
    {
        var report = BacktestHarness.GoldenRun.Report;
        var total = (report.To - report.From).TotalMinutes;
        var tail = (report.OutOfSample.To - report.OutOfSample.From).TotalMinutes;
        Assert.InRange(tail / total, 0.29, 0.31);
    }

    [Theory]
    [InlineData(0, "--agents must be at least 1")]
    [InlineData(-3, "--agents must be at least 1")]
    public void No_agents_is_refused(int agents, string message)
    {
        var e = Assert.Throws<BacktestInputException>(() =>
            BacktestRunner.Run(new BacktestSettings(TestData.Path(BacktestHarness.Okx15m), agents, 1), new EngineOptions()));
        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("2019-01-01", null, "--from 2019-01-01 is outside the data (2023-01-01 to 2026-04-18)")]
    [InlineData(null, "2030-01-01", "--to 2030-01-01 is outside the data (2023-01-01 to 2026-04-18)")]
    [InlineData("2024-02-01", "2024-01-01", "--from 2024-02-01 is after --to 2024-01-01")]
    public void A_date_range_outside_the_data_is_refused(string? from, string? to, string message)
    {
        var settings = new BacktestSettings(TestData.Path(BacktestHarness.Okx15m), 2, 1,
            from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));
        var e = Assert.Throws<BacktestInputException>(() => BacktestRunner.Run(settings, new EngineOptions()));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_missing_data_file_is_refused_naming_the_file()
    {
        var e = Assert.Throws<Engine.Market.CandleDataException>(() =>
            BacktestRunner.Run(new BacktestSettings("/nonexistent/candles.csv.gz", 2, 1), new EngineOptions()));
        Assert.Contains("/nonexistent/candles.csv.gz", e.Message);
    }
}
