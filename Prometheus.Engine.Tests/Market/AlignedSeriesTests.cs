using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

public sealed class AlignedSeriesTests
{
    private const long Hour = 3_600_000;
    private const long T0 = 1_651_363_200_000; // 2022-05-01 00:00 UTC
    private const string Btc = "okx:BTC-USDT-SWAP", Eth = "okx:ETH-USDT-SWAP", Sol = "okx:SOL-USDT-SWAP";

    /// <summary>A bar at hour <paramref name="h"/> after T0 whose close is <paramref name="close"/>.</summary>
    private static Candle Bar(int h, decimal close, long interval = Hour) =>
        new(T0 + h * interval, close - 1m, close + 1m, close - 2m, close, 10m);

    private static CandleSeries Series(string id, params int[] hours) =>
        new(id, Hour, [.. hours.Select(h => Bar(h, 100m + h))]);

    private static List<(long Time, Candle[] Bars, bool[] Missing, bool Complete)> Walk(AlignedSeries aligned)
    {
        var slices = new List<(long, Candle[], bool[], bool)>();
        foreach (var slice in aligned)
        {
            var bars = new Candle[slice.Count];
            var missing = new bool[slice.Count];
            for (var i = 0; i < slice.Count; i++)
            {
                bars[i] = slice[i];
                missing[i] = slice.IsMissing(i);
            }
            slices.Add((slice.TimeMs, bars, missing, slice.IsComplete));
        }
        return slices;
    }

    [Fact]
    public void A_hole_in_one_series_keeps_the_others_bars_and_fills_it_with_an_empty_bar_carrying_the_close()
    {
        var aligned = new AlignedSeries([Series(Btc, 0, 1, 2, 3, 4), Series(Eth, 0, 1, 3, 4), Series(Sol, 0, 1, 2, 3, 4)]);

        var slices = Walk(aligned);

        Assert.Equal(5, aligned.SliceCount);
        Assert.Equal([T0, T0 + Hour, T0 + 2 * Hour, T0 + 3 * Hour, T0 + 4 * Hour], slices.Select(s => s.Time));
        Assert.Equal([Btc, Eth, Sol], aligned.Instruments);
        Assert.Equal((0, 1, 0), (aligned.MissingBars(0), aligned.MissingBars(1), aligned.MissingBars(2)));

        var hole = slices[2];
        Assert.False(hole.Complete);
        Assert.Equal([false, true, false], hole.Missing);
        Assert.Equal(Bar(2, 102m), hole.Bars[0]);
        Assert.Equal(Bar(2, 102m), hole.Bars[2]);
        Assert.Equal(new Candle(T0 + 2 * Hour, 101m, 101m, 101m, 101m, 0m), hole.Bars[1]); // ETH's 01:00 close, carried
        Assert.True(hole.Bars[1].IsEmpty);

        Assert.All(slices.Where((_, i) => i != 2), s => Assert.True(s.Complete));
        Assert.Equal(Bar(3, 103m), slices[3].Bars[1]); // ETH resumes with its own bar
    }

    [Fact]
    public void The_slices_run_over_the_common_span_from_the_latest_start_to_the_earliest_end()
    {
        var aligned = new AlignedSeries([Series(Btc, 0, 1, 2, 3, 4, 5, 6, 7), Series(Eth, 2, 3, 4, 5, 6, 7, 8, 9), Series(Sol, 1, 2, 3, 4, 5)]);

        var slices = Walk(aligned);

        Assert.Equal((T0 + 2 * Hour, T0 + 5 * Hour, T0 + 6 * Hour), (aligned.FirstOpenMs, aligned.LastOpenMs, aligned.EndMs));
        Assert.Equal(4, aligned.SliceCount);
        Assert.Equal([2, 3, 4, 5], slices.Select(s => (int)((s.Time - T0) / Hour)));
        Assert.All(slices, s => Assert.True(s.Complete));
        Assert.Equal(Bar(5, 105m), slices[^1].Bars[2]);
    }

    [Fact]
    public void A_hole_right_at_the_common_start_carries_the_close_from_before_it()
    {
        // ETH starts latest (hour 2); BTC has no bar at hour 2, so its 01:00 close is carried into the first slice.
        var aligned = new AlignedSeries([Series(Btc, 0, 1, 3, 4), Series(Eth, 2, 3, 4)]);

        var first = Walk(aligned)[0];

        Assert.Equal(T0 + 2 * Hour, first.Time);
        Assert.Equal([true, false], first.Missing);
        Assert.Equal(new Candle(T0 + 2 * Hour, 101m, 101m, 101m, 101m, 0m), first.Bars[0]);
        Assert.Equal(1, aligned.MissingBars(0));
    }

    [Fact]
    public void A_window_narrows_the_slices_and_counts_only_its_missing_bars()
    {
        var aligned = new AlignedSeries([Series(Btc, 0, 1, 2, 3, 4, 5, 6), Series(Eth, 0, 1, 3, 4, 6)],
            fromMs: T0 + 2 * Hour - 1, toMs: T0 + 5 * Hour);

        var slices = Walk(aligned);

        Assert.Equal([2, 3, 4], slices.Select(s => (int)((s.Time - T0) / Hour)));
        Assert.Equal((0, 1), (aligned.MissingBars(0), aligned.MissingBars(1)));
        Assert.Equal(101m, slices[0].Bars[1].Close);
    }

    [Fact]
    public void Each_enumeration_starts_again_and_a_slice_read_after_its_time_throws()
    {
        var aligned = new AlignedSeries([Series(Btc, 0, 1, 2), Series(Eth, 0, 2)]);
        Assert.Equal(Walk(aligned).Select(s => s.Time), Walk(aligned).Select(s => s.Time));

        var e = aligned.GetEnumerator();
        Assert.True(e.MoveNext());
        var kept = e.Current;
        Assert.Equal(Bar(0, 100m), kept[0]);
        Assert.True(e.MoveNext());
        Assert.Throws<InvalidOperationException>(() => kept[0]);
        Assert.Equal(Bar(1, 101m), e.Current[0]);
        Assert.True(e.MoveNext());
        Assert.False(e.MoveNext());
    }

    [Fact]
    public void Walking_the_slices_allocates_nothing_per_bar()
    {
        const int Bars = 100_000;
        CandleSeries Long(string id, int skipEvery) =>
            new(id, Hour, [.. Enumerable.Range(0, Bars).Where(h => h == 0 || h % skipEvery != 0).Select(h => Bar(h, 100m + h % 50))]);
        var aligned = new AlignedSeries([Long(Btc, 1_000_000), Long(Eth, 7), Long(Sol, 13)]);

        decimal Sum()
        {
            var sum = 0m;
            foreach (var slice in aligned)
                for (var i = 0; i < slice.Count; i++)
                    sum += slice[i].Close;
            return sum;
        }

        var warm = Sum();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = Sum();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(warm, again);
        Assert.True(allocated < 4_096, $"{allocated} bytes allocated walking {Bars:N0} slices");
        // Every 7th hour missing from ETH and every 13th from SOL (after hour 0): 99,999 / 7 and 99,999 / 13 holes.
        Assert.Equal((Bars, 0, 14_285, 7_692), (aligned.SliceCount, aligned.MissingBars(0), aligned.MissingBars(1), aligned.MissingBars(2)));
    }

    [Fact]
    public void Instruments_are_found_by_id()
    {
        var aligned = new AlignedSeries([Series(Btc, 0, 1), Series(Sol, 0, 1)]);
        Assert.Equal((0, 1, -1), (aligned.IndexOf(Btc), aligned.IndexOf(Sol), aligned.IndexOf(Eth)));
    }

    [Fact]
    public void Series_of_different_intervals_are_refused_naming_both()
    {
        var eth15m = new CandleSeries(Eth, 900_000, [Bar(0, 100m, 900_000), Bar(1, 101m, 900_000)]);
        var e = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 1), eth15m]));
        Assert.Equal($"{Eth} has a 900000 ms interval but {Btc} has 3600000 ms; aligned series must share one interval", e.Message);
    }

    [Fact]
    public void A_bar_off_the_interval_grid_is_refused_naming_the_series()
    {
        Candle[] bars = [Bar(0, 100m), Bar(1, 101m) with { TimestampMs = T0 + Hour + 30 * 60_000 }];
        var e = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 1), new CandleSeries(Sol, Hour, bars)]));
        Assert.Equal($"{Sol}: bar 1 at 2022-05-01 01:30 UTC (1651368600000) is off the 3600000 ms interval grid", e.Message);
    }

    [Fact]
    public void A_duplicate_timestamp_is_refused_naming_the_series()
    {
        var e = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 1, 2), Series(Eth, 0, 1, 1, 2)]));
        Assert.Equal($"{Eth}: bar 2 repeats the timestamp 2022-05-01 01:00 UTC (1651366800000) of the bar before", e.Message);
    }

    [Fact]
    public void Bars_out_of_time_order_are_refused_naming_the_series()
    {
        var e = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 2, 1)]));
        Assert.StartsWith($"{Btc}: bar 2 at 2022-05-01 01:00 UTC", e.Message);
        Assert.Contains("bars must be in time order", e.Message);
    }

    [Fact]
    public void Series_that_do_not_overlap_are_refused_naming_them()
    {
        var e = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 1, 2), Series(Eth, 5, 6), Series(Sol, 1, 2, 3, 4, 5)]));
        Assert.Equal($"The series do not overlap: {Eth} starts at 2022-05-01 05:00 UTC, after {Btc} ends at 2022-05-01 02:00 UTC", e.Message);
    }

    [Fact]
    public void A_window_outside_the_common_span_is_refused()
    {
        var e = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 1, 2), Series(Eth, 0, 1, 2)], fromMs: T0 + 3 * Hour));
        Assert.Contains($"holds no bar time common to all series ({Btc}, {Eth})", e.Message);
    }

    [Fact]
    public void An_empty_series_and_a_repeated_instrument_are_refused()
    {
        var empty = Assert.Throws<CandleDataException>(() => new AlignedSeries([Series(Btc, 0, 1), new CandleSeries(Sol, Hour, [])]));
        Assert.Equal($"{Sol} holds no bars", empty.Message);
        var twice = Assert.Throws<ArgumentException>(() => new AlignedSeries([Series(Btc, 0, 1), Series(Btc, 0, 1)]));
        Assert.Contains($"The instrument {Btc} is given twice", twice.Message);
    }

    [Fact]
    public void A_candle_source_becomes_a_series_with_its_interval()
    {
        var source = new CandleFileSource(TestData.Path(TestData.Okx15m));
        var series = CandleSeries.From(Btc, source);
        Assert.Equal((Btc, 900_000L, 115_506), (series.Id, series.IntervalMs, series.Bars.Count));
    }

    [Fact]
    public void The_shipped_BTC_ETH_SOL_mark_price_files_align_into_one_gap_free_hourly_series()
    {
        CandleSeries Mark(string id, string file) =>
            new(id, Hour, CandleFileReader.Read(TestData.Path(file), volumeMayBeEmpty: true).ToArray());

        var aligned = new AlignedSeries(
        [
            Mark(Btc, "btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
            Mark(Eth, "eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
            Mark(Sol, "sol-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        ]);

        // Measured: each file has 32,545 hourly rows, 2022-05-01 00:00 .. 2026-01-16 00:00, no gap and no duplicate.
        Assert.Equal(32_545, aligned.SliceCount);
        Assert.Equal(1_651_363_200_000, aligned.FirstOpenMs); // 2022-05-01 00:00 UTC
        Assert.Equal(1_768_521_600_000, aligned.LastOpenMs);  // 2026-01-16 00:00 UTC
        Assert.Equal((0, 0, 0), (aligned.MissingBars(0), aligned.MissingBars(1), aligned.MissingBars(2)));

        int slices = 0, incomplete = 0;
        long previous = 0;
        foreach (var slice in aligned)
        {
            if (!slice.IsComplete) incomplete++;
            if (slices > 0) Assert.Equal(previous + Hour, slice.TimeMs);
            previous = slice.TimeMs;
            slices++;
        }
        Assert.Equal((32_545, 0, 1_768_521_600_000), (slices, incomplete, previous));
    }

    [Fact]
    public void The_shipped_BTC_and_SOL_15m_files_align_over_the_three_months_SOL_covers()
    {
        var aligned = new AlignedSeries(
        [
            CandleSeries.From(Btc, new CandleFileSource(TestData.Path(TestData.Okx15m))),
            CandleSeries.From(Sol, new CandleFileSource(TestData.Path("sol-usdt-swap-15m-okx-20251115-20260215.csv.gz"))),
        ]);

        // Measured: SOL 15m has 8,902 rows, 2025-11-15 00:00 .. 2026-02-15 17:15, no gap; BTC 15m covers all of it, no gap.
        Assert.Equal((900_000L, 8_902), (aligned.IntervalMs, aligned.SliceCount));
        Assert.Equal((1_763_164_800_000, 1_771_175_700_000), (aligned.FirstOpenMs, aligned.LastOpenMs));
        Assert.Equal((0, 0), (aligned.MissingBars(0), aligned.MissingBars(1)));
    }
}
