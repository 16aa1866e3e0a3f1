using Prometheus.Engine.Backtest;
using Prometheus.Engine.Research;

namespace Prometheus.Engine.Tests.Research;

public class ResearchPlanTests
{
    private const long DayMs = 86_400_000, Bar = 900_000;
    private static readonly long From = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long End = From + 1000 * DayMs + 3 * Bar;

    private static ResearchPlan Plan(ResearchSettings settings) => ResearchPlan.Create(settings, From, End, Bar, warmupBars: 2_881);

    [Theory]
    [InlineData(null, null, 4, 90)]
    [InlineData(60, 30, 6, 90)]
    [InlineData(null, 45, 3, 0)]
    [InlineData(200, null, 5, 30)]
    public void No_test_window_overlaps_its_training_and_the_windows_tile_the_time_before_the_holdout(int? trainDays, int? testDays, int windows, int holdoutDays)
    {
        var plan = Plan(new ResearchSettings(Windows: windows, TrainDays: trainDays, TestDays: testDays, HoldoutDays: holdoutDays));

        Assert.Equal(windows, plan.Windows.Count);
        foreach (var w in plan.Windows)
        {
            Assert.True(w.TrainFrom < w.TrainTo);
            Assert.True(w.TrainTo <= w.TestFrom, "training ends before its test begins");
            Assert.True(w.TrainFrom >= plan.TradableFrom, "training starts after the warm-up");
            Assert.Equal(0, w.TestFrom % DayMs);
            if (trainDays is { } days) Assert.Equal(days * DayMs, w.TrainTo - w.TrainFrom);
            else Assert.Equal(plan.TradableFrom, w.TrainFrom);
        }
        for (var k = 1; k < windows; k++)
            Assert.Equal(plan.Windows[k - 1].TestTo, plan.Windows[k].TestFrom);
        Assert.Equal(plan.HoldoutFrom / DayMs * DayMs, plan.Windows[^1].TestTo);
        Assert.True(plan.HoldoutFrom <= End - holdoutDays * DayMs);
        Assert.True(plan.HoldoutFrom > End - (holdoutDays + 1) * DayMs);
    }

    [Fact]
    public void The_default_test_length_leaves_the_first_training_at_least_one_window_long()
    {
        var plan = Plan(new ResearchSettings(Windows: 4, HoldoutDays: 90));
        var first = plan.Windows[0];
        Assert.True(first.TestFrom - first.TrainFrom >= plan.TestDays * DayMs - DayMs);
        Assert.Equal(plan.TestDays * DayMs, first.TestTo - first.TestFrom);
    }

    [Fact]
    public void The_holdout_is_trained_on_everything_before_it()
    {
        var plan = Plan(new ResearchSettings(HoldoutDays: 90, Final: true));
        var holdout = plan.HoldoutWindow(trainDays: null);
        Assert.Equal(plan.HoldoutFrom, holdout.TestFrom);
        Assert.Equal(End, holdout.TestTo);
        Assert.Equal(plan.TradableFrom, holdout.TrainFrom);
        Assert.Equal(plan.HoldoutFrom, holdout.TrainTo);
    }

    [Theory]
    [InlineData(20, 60, null, 90, false, "need")]                 // 20 windows of 60 days do not fit in 1,000 days
    [InlineData(4, null, 900, 90, false, "need")]                 // rolling training longer than the data before the windows
    [InlineData(4, null, null, 1_001, false, "--holdout-days")]   // a holdout as long as the data
    [InlineData(4, null, null, 0, true, "--final")]               // --final without a holdout
    [InlineData(0, null, null, 90, false, "--windows")]
    [InlineData(4, null, 3, 90, false, "--train-days")]
    public void Bad_layouts_are_refused_before_anything_runs(int windows, int? testDays, int? trainDays, int holdoutDays, bool final, string named)
    {
        var e = Assert.Throws<BacktestInputException>(() =>
            Plan(new ResearchSettings(Windows: windows, TestDays: testDays, TrainDays: trainDays, HoldoutDays: holdoutDays, Final: final)));
        Assert.Contains(named, e.Message);
    }
}
