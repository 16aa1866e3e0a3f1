using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class PricingModelTests
{
    private static readonly SimulatedExchangeOptions Options = new()
    {
        BaseSlippageBps = 1m, ImpactBpsPerBarVolume = 100m, RandomSlippageBps = 0m, MaxBarParticipation = 0.10m,
    };

    [Fact]
    public void Volume_slippage_is_base_plus_share_of_bar_volume()
    {
        var model = new VolumeSlippageModel(Options, new Random(1));
        Assert.Equal(1m + 100m * 0.25m / 50m, model.SlippageBps(TestInstruments.BtcUsdt, 0.25m, Bar(50_000m, volume: 50m)));
        Assert.Equal(1m, model.SlippageBps(TestInstruments.BtcUsdt, 0.25m, Bar(50_000m, volume: 0m)));
    }

    [Fact]
    public void Bar_fill_caps_an_order_at_the_participation_in_instrument_units()
    {
        var model = new BarFillModel(Options, new VolumeSlippageModel(Options, new Random(1)));
        Assert.Equal(1.23456789m, model.MaxFillSize(TestInstruments.BtcUsdt, Bar(50_000m, volume: 12.3456789m)));
        Assert.Equal(123.4m, model.MaxFillSize(TestInstruments.BtcUsdtSwap, Bar(50_000m, volume: 12.3456789m)));
        Assert.Equal(0m, model.MaxFillSize(TestInstruments.BtcUsdtSwap, Bar(50_000m, volume: 0m)));
    }

    [Fact]
    public void Bar_fill_reaches_limits_through_the_low_or_the_high()
    {
        var model = new BarFillModel(Options, new VolumeSlippageModel(Options, new Random(1)));
        var bar = Bar(50_000m, low: 49_000m, high: 51_000m);
        Assert.True(model.Crosses(OrderSide.Buy, 49_000m, bar));
        Assert.False(model.Crosses(OrderSide.Buy, 48_999.9m, bar));
        Assert.True(model.Crosses(OrderSide.Sell, 51_000m, bar));
        Assert.False(model.Crosses(OrderSide.Sell, 51_000.1m, bar));
        Assert.True(model.IsMarketable(OrderSide.Buy, 50_000m, bar));
        Assert.False(model.IsMarketable(OrderSide.Sell, 50_000.1m, bar));
    }

    [Fact]
    public void Okx_fee_is_notional_times_the_maker_or_taker_rate_in_usdt()
    {
        var model = new OkxFeeModel();
        Assert.Equal(8m, model.Fee(TestInstruments.BtcUsdt, 10_000m, isMaker: true));
        Assert.Equal(10m, model.Fee(TestInstruments.BtcUsdt, 10_000m, isMaker: false));
        Assert.Equal(2m, model.Fee(TestInstruments.BtcUsdtSwap, 10_000m, isMaker: true));
        Assert.Equal(5m, model.Fee(TestInstruments.BtcUsdtSwap, 10_000m, isMaker: false));
        Assert.Equal("USDT", model.FeeCurrency(TestInstruments.BtcUsdt));
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction_with_the_offending_key()
    {
        var options = new SimulatedExchangeOptions { RandomSlippageBps = -1m };
        var error = Assert.Throws<ArgumentException>(() => new SimulatedExchange(options, new ManualTimeProvider(), new Random(1)));
        Assert.Contains("Prometheus:Exchange:Simulated:RandomSlippageBps", error.Message);
    }
}
