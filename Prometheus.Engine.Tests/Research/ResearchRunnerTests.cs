using System.Text.Json;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;
using Prometheus.Engine.Research;

namespace Prometheus.Engine.Tests.Research;

/// <summary>Small research runs on the first half of 2023 of the shipped 15m series (a few agents, short windows).</summary>
public class ResearchRunnerTests
{
    private static readonly Lazy<CandleFileSource> File15m = new(() => new CandleFileSource(TestData.Path(TestData.Okx15m)));
    private static readonly long Until = new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly ResearchSettings Small = new(Seeds: 2, Agents: 8, Windows: 2, TestDays: 15, HoldoutDays: 20, Parallel: 1);

    /// <summary>The shipped series cut at <see cref="Until"/>; it fails the test if anything at or after <paramref name="forbiddenFrom"/> is asked for.</summary>
    private sealed class GuardedSource(long forbiddenFrom) : ICandleSource
    {
        public string Name => "guarded";
        public long FirstOpenMs => File15m.Value.FirstOpenMs;
        public long EndMs => Until;
        public long IntervalMs => File15m.Value.IntervalMs;
        public long LatestAskedMs { get; private set; }

        public IReadOnlyList<Candle> Read(long fromMs, long toMs)
        {
            if (toMs > forbiddenFrom)
                throw new InvalidOperationException($"asked for bars up to {DateTimeOffset.FromUnixTimeMilliseconds(toMs):O}, past {DateTimeOffset.FromUnixTimeMilliseconds(forbiddenFrom):O}");
            LatestAskedMs = Math.Max(LatestAskedMs, toMs);
            return File15m.Value.Read(fromMs, Math.Min(toMs, Until));
        }
    }

    private static readonly FundingRates Funding = FundingRates.Flat(0.0001m);

    [Fact]
    public void The_holdout_is_not_read_without_final()
    {
        var holdoutFrom = Until - 20 * 86_400_000L;
        var source = new GuardedSource(forbiddenFrom: holdoutFrom);
        var report = ResearchRunner.Run(source, Small, new EngineOptions(), Funding);

        Assert.False(report.Holdout.Used);
        Assert.Equal(holdoutFrom, report.Holdout.From.ToUnixTimeMilliseconds());
        Assert.Equal(holdoutFrom, source.LatestAskedMs);
        Assert.All(report.Seeds, s => Assert.Null(s.Holdout));
        Assert.All(report.Seeds.SelectMany(s => s.Windows), w => Assert.True(w.TestTo.ToUnixTimeMilliseconds() <= holdoutFrom));
        Assert.Null(report.HoldoutSummary);
    }

    [Fact]
    public void With_final_each_seed_trades_the_holdout_once()
    {
        var source = new GuardedSource(forbiddenFrom: long.MaxValue);
        var report = ResearchRunner.Run(source, Small with { Final = true, Seeds = 1 }, new EngineOptions(), Funding);

        Assert.True(report.Holdout.Used);
        var holdout = Assert.Single(report.Seeds).Holdout!;
        Assert.Equal(report.Holdout.From, holdout.From);
        Assert.Equal(Until, holdout.To.ToUnixTimeMilliseconds());
        Assert.NotNull(report.HoldoutSummary);
    }

    [Fact]
    public void Every_window_reports_each_model_over_the_same_bars_and_the_test_chains_them()
    {
        var report = ResearchRunner.Run(new GuardedSource(long.MaxValue), Small with { Seeds = 1 }, new EngineOptions(), Funding);
        var seed = Assert.Single(report.Seeds);
        Assert.Equal(2, seed.Windows.Count);
        foreach (var w in seed.Windows)
        {
            Assert.True(w.Agents > 0);
            Assert.Equal(1, w.BuyHold.Trades);
        }
        Assert.True(seed.Windows.Sum(w => w.Population.Trades) > 0, "the evolved populations traded their test windows");
        // Compounded over the windows; trades and costs summed.
        var compounded = seed.Windows.Aggregate(1m, (acc, w) => acc * (1 + w.Population.Roi)) - 1;
        Assert.Equal((double)compounded, (double)seed.Test.Population.Roi, 9);
        Assert.Equal(seed.Windows.Sum(w => w.Population.Trades), seed.Test.Population.Trades);
        Assert.Equal(seed.Windows.Sum(w => w.RandomTiming.FeesPaid), seed.Test.RandomTiming.FeesPaid);
        Assert.Equal(seed.TestEquity.Count, seed.Windows.Count * 15);
        Assert.StartsWith("The population ", report.Summary.Verdict);
        Assert.InRange(report.Summary.BeatsExposureMatchedShare, 0, 1);
    }

    [Fact]
    public void Each_seed_is_deterministic_whatever_the_parallelism()
    {
        var settings = Small with { Seeds = 3 };
        var one = ResearchRunner.Run(new GuardedSource(long.MaxValue), settings with { Parallel = 1 }, new EngineOptions(), Funding);
        var three = ResearchRunner.Run(new GuardedSource(long.MaxValue), settings with { Parallel = 3 }, new EngineOptions(), Funding);

        static string Figures(ResearchReport r) => JsonSerializer.Serialize(r with { Seconds = 0, AgentBarsPerSecond = 0, Parallel = 0 });
        Assert.Equal(Figures(one), Figures(three));
        Assert.NotEqual(JsonSerializer.Serialize(one.Seeds[0].Test), JsonSerializer.Serialize(one.Seeds[1].Test));
    }

    [Fact]
    public void Windows_that_do_not_fit_are_refused_before_any_run()
    {
        var source = new GuardedSource(long.MaxValue);
        var e = Assert.Throws<BacktestInputException>(() =>
            ResearchRunner.Run(source, Small with { Windows = 10, TestDays = 30 }, new EngineOptions(), Funding));
        Assert.Contains("need", e.Message);
        // Only the first weeks were read, to count the indicators' warm-up.
        Assert.True(source.LatestAskedMs <= source.FirstOpenMs + 60 * 86_400_000L);
    }
}
