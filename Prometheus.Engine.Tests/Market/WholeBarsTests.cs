using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

public sealed class WholeBarsTests
{
    private const long Quarter = 15 * 60_000;
    private const long T0 = 1_672_531_200_000; // 2023-01-01 00:00 UTC
    private static readonly OkxBar OneHour = OkxBars.TryGet("1H", out var bar) ? bar : throw new InvalidOperationException();

    private static Candle Bar(int quarter, decimal open, decimal high, decimal low, decimal close, decimal volume) =>
        new(T0 + quarter * Quarter, open, high, low, close, volume);

    [Fact]
    public void Four_quarters_make_an_hour_of_first_open_highest_high_lowest_low_last_close_and_summed_volume()
    {
        var hour = WholeBars.Of([Bar(0, 10, 12, 9, 11, 1), Bar(1, 11, 15, 10, 14, 2), Bar(2, 14, 14, 8, 9, 3), Bar(3, 9, 10, 9, 10, 4)],
            TimeSpan.FromMinutes(15), OneHour);

        Assert.Equal([new Candle(T0, 10, 15, 8, 10, 10)], hour);
    }

    [Fact]
    public void An_hour_with_a_missing_quarter_is_missing_data_not_a_bar()
    {
        var hours = WholeBars.Of([Bar(0, 1, 1, 1, 1, 1), Bar(1, 1, 1, 1, 1, 1), Bar(3, 1, 1, 1, 1, 1),
            Bar(4, 2, 2, 2, 2, 1), Bar(5, 2, 2, 2, 2, 1), Bar(6, 2, 2, 2, 2, 1), Bar(7, 2, 2, 2, 3, 1)], TimeSpan.FromMinutes(15), OneHour);

        Assert.Equal([new Candle(T0 + 4 * Quarter, 2, 2, 2, 3, 4)], hours);
    }

    [Fact]
    public void Bars_of_unknown_volume_stay_of_unknown_volume()
    {
        var hour = WholeBars.Of([.. Enumerable.Range(0, 4).Select(q => Bar(q, 1, 1, 1, 1, 0).WithUnknownVolume())], TimeSpan.FromMinutes(15), OneHour);

        Assert.True(Assert.Single(hour).VolumeUnknown);
    }

    [Fact]
    public void The_shipped_15m_btc_candles_gathered_into_hours_align_with_the_1h_eth_mark_prices()
    {
        var btc = CandleSeries.Load("okx:BTC-USDT-SWAP", TestData.Path("btc-usdt-swap-15m-okx-20230101-20260418.csv.gz"), recordsNoVolume: false, OneHour);
        var eth = CandleSeries.Load("okx:ETH-USDT-SWAP", TestData.Path("eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"), recordsNoVolume: true);

        var aligned = new AlignedSeries([btc, eth]);

        Assert.Equal(3_600_000, btc.IntervalMs);
        Assert.All(btc.Bars, b => Assert.Equal(0, b.TimestampMs % 3_600_000));
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), aligned.FirstOpenMs);
        Assert.Equal(new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), aligned.LastOpenMs);
    }

    [Fact]
    public void A_bar_finer_than_the_files_is_refused_naming_the_file()
    {
        var path = TestData.Path("eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz");
        var error = Assert.Throws<CandleDataException>(() =>
            CandleSeries.Load("okx:ETH-USDT-SWAP", path, recordsNoVolume: true, OkxBars.TryGet("15m", out var bar) ? bar : default));

        Assert.Contains(path, error.Message);
        Assert.Contains("15m", error.Message);
    }
}
