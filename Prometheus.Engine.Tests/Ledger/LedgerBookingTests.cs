using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Tests.Ledger;

public class LedgerBookingTests
{
    private static readonly SupervisorKey Key = LedgerKeys.Supervisor;
    private static readonly Instrument Swap = TestInstruments.BtcUsdtSwap;
    private static readonly Instrument Spot = TestInstruments.BtcUsdt;

    private static ExchangeFill Fill(string id, Instrument inst, OrderSide side, PositionSide pos, decimal size, decimal price, decimal fee, bool liquidation = false) =>
        new(id, "o" + id, liquidation ? "" : "p1x" + id, inst.InstId, side, pos, size, price, fee, "USDT", 1_000_000 + long.Parse(id) * 60_000, liquidation);

    [Fact]
    public void Swap_long_round_trip_books_price_pnl_and_fees()
    {
        var ledger = new PublicLedger();
        ledger.OpenAccount(Key, 1, 10_000m);
        // 10 contracts = 0.1 BTC. Open at 30,000 (fee 0.05% of 3,000 = 1.5), close at 31,000 (fee 1.55).
        ledger.Book(Key, Fill("1", Swap, OrderSide.Buy, PositionSide.Long, 10m, 30_000m, 1.5m), 1, Swap, 2m, 0.5, TradeOrigin.Decision);
        var close = ledger.Book(Key, Fill("2", Swap, OrderSide.Sell, PositionSide.Long, 10m, 31_000m, 1.55m), 1, Swap, 2m, 0.5, TradeOrigin.Decision)!;

        var book = ledger.Private(1);
        Assert.Equal(TradeSide.Sell, close.Record.Side);
        Assert.Equal(100m, close.Record.RealizedPnl);                 // (31,000 - 30,000) x 10 x 0.01
        Assert.Equal(100m - 1.5m - 1.55m, close.Effect.NetRoundTrip);  // net of both fees
        Assert.Equal(10_000m + 100m - 3.05m, book.Capital);
        Assert.Equal(3.05m, book.FeesPaid);
        Assert.Empty(book.OpenPositions);
    }

    [Fact]
    public void Swap_short_round_trip_gains_when_price_falls()
    {
        var ledger = new PublicLedger();
        ledger.OpenAccount(Key, 1, 10_000m);
        ledger.Book(Key, Fill("1", Swap, OrderSide.Sell, PositionSide.Short, 5m, 40_000m, 1m), 1, Swap, 2m, 0.5, TradeOrigin.Decision);
        var position = ledger.Private(1).Position(Swap, PositionSide.Short)!;
        Assert.Equal(1_000m, position.Margin); // 5 x 0.01 x 40,000 / 2
        Assert.Equal(10_000m - 1_000m - 1m, ledger.Private(1).Capital);

        var cover = ledger.Book(Key, Fill("2", Swap, OrderSide.Buy, PositionSide.Short, 5m, 38_000m, 0.95m), 1, Swap, 2m, 0.5, TradeOrigin.Decision)!;
        Assert.Equal(TradeSide.Cover, cover.Record.Side);
        Assert.Equal(100m, cover.Record.RealizedPnl);                  // (40,000 - 38,000) x 5 x 0.01
        Assert.Equal(100m - 1m - 0.95m, cover.Effect.NetRoundTrip);
        Assert.Equal(10_000m + 100m - 1.95m, ledger.Private(1).Capital);
    }

    [Fact]
    public void Spot_buy_costs_cash_and_sell_returns_proceeds()
    {
        var ledger = new PublicLedger();
        ledger.OpenAccount(Key, 7, 1_000m);
        ledger.Book(Key, Fill("1", Spot, OrderSide.Buy, PositionSide.Long, 0.01m, 50_000m, 0.5m), 7, Spot, 1m, 0.5, TradeOrigin.Decision);
        Assert.Equal(1_000m - 500m - 0.5m, ledger.Private(7).Capital);
        var sell = ledger.Book(Key, Fill("2", Spot, OrderSide.Sell, PositionSide.Long, 0.01m, 49_000m, 0.49m), 7, Spot, 1m, 0.5, TradeOrigin.Decision)!;
        Assert.Equal(-10m, sell.Record.RealizedPnl);
        Assert.Equal(1_000m - 10m - 0.99m, ledger.Private(7).Capital);
        Assert.True(sell.Effect.NetRoundTrip < 0m);
    }

    [Fact]
    public void Partial_fills_add_and_reduce_with_weighted_entry()
    {
        var ledger = new PublicLedger();
        ledger.OpenAccount(Key, 1, 10_000m);
        ledger.Book(Key, Fill("1", Swap, OrderSide.Buy, PositionSide.Long, 2m, 30_000m, 0m), 1, Swap, 2m, 0.5, TradeOrigin.Decision);
        var add = ledger.Book(Key, Fill("2", Swap, OrderSide.Buy, PositionSide.Long, 2m, 32_000m, 0m), 1, Swap, 2m, 0.5, TradeOrigin.Decision)!;
        Assert.Equal(TradeSide.Add, add.Record.Side);
        var lot = ledger.Private(1).Position(Swap, PositionSide.Long)!;
        Assert.Equal(31_000m, lot.AveragePrice);
        Assert.Equal(4m, lot.Amount);

        var part = ledger.Book(Key, Fill("3", Swap, OrderSide.Sell, PositionSide.Long, 1m, 33_000m, 0m), 1, Swap, 2m, 0.5, TradeOrigin.Decision)!;
        Assert.Equal(20m, part.Record.RealizedPnl); // (33,000 - 31,000) x 1 x 0.01
        Assert.False(part.Effect.PositionClosed);
        Assert.Equal(3m, lot.Amount);
        Assert.Equal(4m - 1m, ledger.PositionAmount(Swap, PositionSide.Long));
    }

    [Fact]
    public void Booking_the_same_fill_twice_changes_nothing()
    {
        var ledger = new PublicLedger();
        ledger.OpenAccount(Key, 1, 10_000m);
        var fill = Fill("1", Swap, OrderSide.Buy, PositionSide.Long, 1m, 30_000m, 0.15m);
        Assert.NotNull(ledger.Book(Key, fill, 1, Swap, 2m, 0.5, TradeOrigin.Decision));
        var hash = ledger.ComputeHash();
        var capital = ledger.Private(1).Capital;
        Assert.Null(ledger.Book(Key, fill, 1, Swap, 2m, 0.5, TradeOrigin.Decision));
        Assert.Single(ledger.Records);
        Assert.Equal(hash, ledger.ComputeHash());
        Assert.Equal(capital, ledger.Private(1).Capital);
    }

    [Fact]
    public void A_liquidation_never_loses_more_than_the_margin()
    {
        var ledger = new PublicLedger();
        ledger.OpenAccount(Key, 1, 10_000m);
        ledger.Book(Key, Fill("1", Swap, OrderSide.Buy, PositionSide.Long, 10m, 30_000m, 0m), 1, Swap, 10m, 0.5, TradeOrigin.Decision);
        var before = ledger.Private(1).Capital; // margin 300 locked
        var liq = ledger.Book(Key, Fill("2", Swap, OrderSide.Sell, PositionSide.Long, 10m, 26_000m, 1m, liquidation: true), 1, Swap, 10m, 0, TradeOrigin.Liquidation)!;
        Assert.Equal(-299m, liq.Record.RealizedPnl); // price loss 400 capped: margin 300 less the 1 fee
        Assert.Equal(before, ledger.Private(1).Capital);
    }

    [Fact]
    public void Nothing_outside_the_engine_can_write_without_a_key()
    {
        var ledger = new PublicLedger();
        Assert.Throws<ArgumentNullException>(() => ledger.OpenAccount(null!, 1, 1m));
    }
}
