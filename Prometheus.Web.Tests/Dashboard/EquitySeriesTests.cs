using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Tests.Dashboard;

public sealed class EquitySeriesTests
{
    [Fact]
    public void It_never_holds_more_than_its_capacity_and_still_spans_the_whole_run()
    {
        var series = new EquitySeries(capacity: 100);
        for (var t = 1; t <= 100_000; t++) series.Add(new EquityPoint(t, t));

        var points = series.ToArray();
        Assert.InRange(points.Length, 50, 100);
        Assert.True(points[0].TimeMs < 2_000, $"the first point is at {points[0].TimeMs}");
        Assert.True(points[^1].TimeMs > 98_000, $"the last point is at {points[^1].TimeMs}");
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.TimeMs < p.Second.TimeMs));
    }

    [Fact]
    public void A_point_at_the_same_time_replaces_the_last_one_and_an_older_one_is_ignored()
    {
        var series = new EquitySeries();
        series.Add(new EquityPoint(10, 1m));
        Assert.True(series.Add(new EquityPoint(10, 2m)));
        Assert.False(series.Add(new EquityPoint(5, 3m)));

        Assert.Equal(new EquityPoint(10, 2m), Assert.Single(series.ToArray()));
    }
}
