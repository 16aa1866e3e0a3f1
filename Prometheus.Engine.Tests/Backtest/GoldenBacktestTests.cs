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
        Assert.Equal(11_520, report.Bars);
        Assert.Equal(100_000m, report.InitialCapital);
        Assert.Equal(93244.68426816151472452092m, report.FinalEquity);
        Assert.Equal(-0.0675531573183848527547908m, report.Roi);
        Assert.Equal(0.1127842478907226466318530937m, report.MaxDrawdown);
        Assert.Equal(-1.1975691895766845, report.Sharpe);
        Assert.Equal(0.5939457202505219206680584551m, report.WinRate);
        Assert.Equal(4_435, report.Trades);
        Assert.Equal(16.23473382045929, report.AvgHoldingHours);
        Assert.Equal(0.7697008937486006813547219819m, report.BuyHoldRoi);
        Assert.Equal(0.220219647483272143549643192m, report.BuyHoldMaxDrawdown);
        Assert.Equal(6657.1983694934830m, report.FeesPaid);
        Assert.Equal(107, report.Births);
        Assert.Equal(97, report.Deaths);
        Assert.Equal(97, report.Valhalla);
        Assert.Equal(22, report.AgentsAlive);
        Assert.Equal(-0.0176417720429434111251688675m, report.OutOfSample.Roi);
        Assert.Equal(0.0679452476196736188868236357m, report.OutOfSample.MaxDrawdown);
        Assert.Equal(1_080, report.OutOfSample.Trades);
        Assert.Equal(0.0637348328338231442953996566m, report.OutOfSample.BuyHoldRoi);
        Assert.Equal(100, report.BestAgent!.Id);
        Assert.Equal("6600ec684a96b4171f986fcdd3871a19e39418fb8b6625dcb3e45ade574856ef", report.LedgerHash);
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
