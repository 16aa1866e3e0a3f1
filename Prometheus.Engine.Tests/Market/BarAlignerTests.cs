using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

/// <summary>Live bars of several coins arriving apart are handed on one bar time at a time, every coin's bar of it.</summary>
public sealed class BarAlignerTests
{
    private const long Hour = 3_600_000;
    private const long T0 = 1_767_225_600_000; // 2026-01-01 00:00 UTC

    private static Candle Bar(int h, decimal close) => new(T0 + h * Hour, close, close + 1, close - 1, close, 10m);

    private static (BarAligner Aligner, ManualTimeProvider Wall) Rig()
    {
        var wall = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hour));
        var aligner = new BarAligner(2, Hour, TimeSpan.FromMinutes(1), wall);
        aligner.StartAfter(T0 - Hour);
        aligner.Remember(0, Bar(-1, 100));
        aligner.Remember(1, Bar(-1, 10));
        return (aligner, wall);
    }

    [Fact]
    public void A_bar_time_is_handed_on_once_every_coin_has_its_bar()
    {
        var (aligner, _) = Rig();
        var row = new Candle[2];

        aligner.Offer(0, Bar(0, 101));
        Assert.False(aligner.TryNext(row));
        aligner.Offer(1, Bar(0, 11));
        Assert.True(aligner.TryNext(row));

        Assert.Equal([Bar(0, 101), Bar(0, 11)], row);
        Assert.False(aligner.TryNext(row));
    }

    [Fact]
    public void A_late_coin_is_waited_for_then_given_a_missing_bar_at_its_last_close()
    {
        var (aligner, wall) = Rig();
        var row = new Candle[2];
        aligner.Offer(0, Bar(0, 101));

        wall.Advance(TimeSpan.FromSeconds(59));
        Assert.False(aligner.TryNext(row));
        wall.Advance(TimeSpan.FromSeconds(2)); // the bar closed an hour after it opened; a minute's patience since

        Assert.True(aligner.TryNext(row));
        Assert.Equal(Bar(0, 101), row[0]);
        Assert.True(row[1].IsEmpty);
        Assert.Equal(10m, row[1].Close);
        Assert.Equal(T0, row[1].TimestampMs);
        // Its bar coming after its time was handed on is dropped.
        aligner.Offer(1, Bar(0, 11));
        Assert.False(aligner.TryNext(row));
    }

    [Fact]
    public void A_coin_two_bars_ahead_does_not_wait_for_the_wall_clock()
    {
        var (aligner, _) = Rig();
        var row = new Candle[2];
        aligner.Offer(0, Bar(0, 101));
        aligner.Offer(0, Bar(1, 102));
        Assert.False(aligner.TryNext(row));

        aligner.Offer(0, Bar(2, 103));

        Assert.True(aligner.TryNext(row));
        Assert.Equal(T0, row[0].TimestampMs);
        Assert.True(row[1].IsEmpty);
    }

    [Fact]
    public void Bars_at_or_before_the_start_are_history_and_repeats_are_handed_on_once()
    {
        var (aligner, _) = Rig();
        var row = new Candle[2];
        aligner.Offer(0, Bar(-1, 100));
        aligner.Offer(1, Bar(-1, 10));
        Assert.False(aligner.TryNext(row));

        aligner.Offer(0, Bar(0, 101));
        aligner.Offer(0, Bar(0, 101)); // a push and a poll of the same bar
        aligner.Offer(1, Bar(0, 11));
        Assert.True(aligner.TryNext(row));
        Assert.False(aligner.TryNext(row));
    }
}
