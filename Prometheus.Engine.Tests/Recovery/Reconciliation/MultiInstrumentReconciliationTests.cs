using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery.Reconciliation;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>Books and exchange compared per instrument: what is wrong on ETH is found and mended on ETH, and BTC is left alone.</summary>
public class MultiInstrumentReconciliationTests
{
    private const string Eth = "ETH-USDT-SWAP";
    private const PositionSide L = PositionSide.Long;

    private static ReconciliationHarness BtcAndEth()
    {
        var h = new ReconciliationHarness(agents: 2, [TestInstruments.BtcUsdt, TestInstruments.BtcUsdtSwap, TestInstruments.EthUsdtSwap]);
        h.Kit.Exchange.OnBar(Eth, Bar(3_000m, volume: 100_000m));
        h.Open(1, Swap, L, 2m);
        h.Open(2, Eth, L, 5m);
        return h;
    }

    [Fact]
    public void An_eth_fill_the_engine_missed_is_booked_on_eth_and_the_btc_position_is_untouched()
    {
        var h = BtcAndEth();
        h.Open(2, Eth, L, 3m, book: false);

        var result = h.Run();

        var booking = Assert.Single(result.Corrections.OfType<BookingCorrection>());
        Assert.Equal((2, Eth, 3m), (booking.AgentId, booking.Fill.InstId, booking.Fill.Size));
        MendedOnEthAlone(h, result, ethHeld: 8m);
    }

    [Fact]
    public void An_eth_order_placed_by_hand_is_an_eth_orphan_and_btc_reconciles_clean()
    {
        var h = BtcAndEth();
        h.Manual(Eth, OrderSide.Buy, L, 4m);

        var result = h.Run();

        var orphan = Assert.Single(result.Corrections.OfType<RecordOrphan>()).Orphan;
        Assert.Equal((Eth, L, 4m), (orphan.InstId, orphan.PosSide, orphan.Delta));
        MendedOnEthAlone(h, result, ethHeld: 5m);
    }

    /// <summary>Nothing found touches BTC; once applied, nothing is left, BTC is as booked and ETH holds <paramref name="ethHeld"/>.</summary>
    private static void MendedOnEthAlone(ReconciliationHarness h, ReconciliationResult result, decimal ethHeld)
    {
        Assert.All(result.Items, i => Assert.NotEqual(Swap, i.InstId));
        h.Apply(result);
        Assert.True(h.Run().NothingNew);
        Assert.Equal(2m, h.Ledger.PositionAmount(TestInstruments.BtcUsdtSwap, L));
        Assert.Equal(ethHeld, h.Ledger.PositionAmount(TestInstruments.EthUsdtSwap, L));
        h.AssertAggregatesHold();
        h.AssertEveryFillMapsOnce();
    }
}
