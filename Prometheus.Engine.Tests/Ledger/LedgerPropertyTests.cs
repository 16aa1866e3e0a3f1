using FsCheck;
using FsCheck.Fluent;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Tests.Ledger;

/// <summary>Ledger invariants over random fill sequences (FsCheck): exact in decimal, whatever the order of events.</summary>
public class LedgerPropertyTests
{
    private static readonly SupervisorKey Key = LedgerKeys.Supervisor;

    /// <summary>Random opens, adds and partial or full closes on both instruments and both sides, for two agents.</summary>
    private static List<ExchangeFill> RandomFills(int seed, PublicLedger ledger)
    {
        var random = new Random(seed);
        var fills = new List<ExchangeFill>();
        var price = 30_000m;
        for (var i = 0; i < 60; i++)
        {
            price = Math.Max(1_000m, price + random.Next(-500, 501) + random.Next(0, 10) / 10m);
            var agent = 1 + random.Next(2);
            var instrument = random.Next(2) == 0 ? TestInstruments.BtcUsdt : TestInstruments.BtcUsdtSwap;
            var side = instrument.Kind == InstrumentKind.Spot ? PositionSide.Long : (PositionSide)random.Next(2);
            var held = ledger.Private(agent).Position(instrument, side)?.Amount ?? 0m;
            var close = held > 0m && random.Next(3) == 0;
            var size = close
                ? Math.Max(instrument.MinSize, instrument.RoundDownToLot(held * random.Next(1, 101) / 100m))
                : instrument.Kind == InstrumentKind.Spot ? random.Next(1, 500) / 100_000m : random.Next(1, 30) / 10m;
            size = Math.Min(size, close ? held : size);
            var orderSide = (side == PositionSide.Long) != close ? OrderSide.Buy : OrderSide.Sell;
            var fee = decimal.Round(instrument.Notional(size, price) * instrument.TakerFeeRate, 8);
            var fill = new ExchangeFill($"{i}", $"o{i}", $"p{agent}x{i}", instrument.InstId, orderSide, side, size, price, fee, "USDT", 1_000L * i);
            ledger.Book(Key, fill, agent, instrument, 3m, 0.5, TradeOrigin.Decision);
            fills.Add(fill);
        }
        return fills;
    }

    [Fact]
    public void Capital_plus_positions_plus_fees_equals_initial_plus_pnl_after_any_sequence()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var ledger = new PublicLedger();
            ledger.OpenAccount(Key, 1, 50_000m);
            ledger.OpenAccount(Key, 2, 50_000m);
            RandomFills(seed, ledger);
            var marks = new MarkPrices { [TestInstruments.BtcUsdt] = 31_234.5m, [TestInstruments.BtcUsdtSwap] = 29_876.5m };
            foreach (var book in ledger.PrivateLedgers.Values)
                Assert.Equal(book.InitialCapital + book.Funded + book.RealizedPnl + book.UnrealizedPnl(marks),
                    book.Capital + book.PositionValue(marks) + book.FeesPaid);
            Assert.Equal(ledger.PrivateLedgers.Values.Sum(b => b.Equity(marks)), ledger.Equity(marks));
            foreach (var instrument in TestInstruments.All)
                foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
                    Assert.Equal(ledger.PrivateLedgers.Values.Sum(b => b.Position(instrument, side)?.Amount ?? 0m), ledger.PositionAmount(instrument, side));
        }));
    }

    [Fact]
    public void Public_records_are_the_union_of_private_records_and_replays_change_nothing()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var ledger = new PublicLedger();
            ledger.OpenAccount(Key, 1, 50_000m);
            ledger.OpenAccount(Key, 2, 50_000m);
            var fills = RandomFills(seed, ledger);
            var hash = ledger.ComputeHash();
            foreach (var fill in fills)
                Assert.Null(ledger.Book(Key, fill, ClOrdAgent(fill), TestInstruments.Get(fill.InstId), 3m, 0.5, TradeOrigin.Decision));
            Assert.Equal(hash, ledger.ComputeHash());
            Assert.Equal(ledger.Records, ledger.PrivateLedgers.Values.SelectMany(b => b.History).OrderBy(r => r.TradeId));
        }));
    }

    private static int ClOrdAgent(ExchangeFill fill) => Engine.Supervision.ClOrdIds.AgentOf(fill.ClOrdId)!.Value;
}
