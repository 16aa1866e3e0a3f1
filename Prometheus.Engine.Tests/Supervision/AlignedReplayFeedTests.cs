using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>A replay of a series per traded instrument: one bar time at a time, each instrument its own bar, laps included.</summary>
public class AlignedReplayFeedTests
{
    private const long Hour = 3_600_000;

    private static Candle[] Series(decimal price, int bars) =>
        [.. Enumerable.Range(0, bars).Select(i => new Candle(i * Hour, price + i, price + i, price + i, price + i, Candle.UnknownVolume))];

    [Fact]
    public void Each_bar_time_gives_every_instrument_its_own_bar_at_the_primary_bars_time()
    {
        var feed = ReplayFeed.Aligned([Series(100m, 3), Series(10m, 3)]);

        var seen = new List<(Candle Bar, Candle[] Row)>();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(feed.TryNext(out var bar));
            seen.Add((bar, [.. feed.BarsByTraded!]));
        }

        Assert.Equal([100m, 101m, 102m, 100m], seen.Select(s => s.Bar.Close));
        Assert.Equal([10m, 11m, 12m, 10m], seen.Select(s => s.Row[1].Close));
        Assert.All(seen, s => Assert.All(s.Row, b => Assert.Equal(s.Bar.TimestampMs, b.TimestampMs)));
        Assert.Equal(3 * Hour, seen[3].Bar.TimestampMs); // the second lap goes on in time
        // History per instrument: its own bars before the next one (in this lap: the first bar, shifted by a lap).
        Assert.Equal([(3 * Hour, 10m)], feed.History(5, 1).Select(b => (b.TimestampMs, b.Close)));
        Assert.Equal([(3 * Hour, 100m)], feed.History(5, 0).Select(b => (b.TimestampMs, b.Close)));
    }

    [Fact]
    public void A_one_series_replay_has_no_bars_by_instrument_and_series_of_unequal_length_are_refused()
    {
        var one = new ReplayFeed(Series(100m, 3));
        Assert.True(one.TryNext(out _));
        Assert.Null(one.BarsByTraded);

        Assert.Throws<ArgumentException>(() => ReplayFeed.Aligned([Series(100m, 3), Series(10m, 4)]));
    }
}
