using FsCheck;
using FsCheck.Fluent;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery.Reconciliation;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>
/// Random histories on the real simulated exchange: agents trading (some bookings lost), trades and closes by hand,
/// liquidations, the market moving, sometimes an outage longer than the exchange keeps fills. After one
/// reconciliation (and a person's choice where it blocks) the invariants hold and a second run reports nothing new.
/// While developing, these ran over 120,000 histories (MaxTest 60,000 and 12,000, seeds over the whole int range);
/// CI runs a few hundred.
/// </summary>
public class ReconcilerPropertyTests
{
    private static readonly string[] Choices = ["align-ledger", "close-exchange", "flatten-both"];

    /// <summary>Seeds over the whole int range (an int arbitrary stays near zero: a few hundred histories at most).</summary>
    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, int.MaxValue));

    [Fact]
    public void After_any_history_the_invariants_hold_and_a_second_run_reports_nothing_new()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var h = new ReconciliationHarness();
            History(h, random);

            var first = h.Run();
            var result = first;
            if (first.Blocked)
            {
                h.Apply(first);
                h.Choose(first, Choices[random.Next(Choices.Length)]);
                result = h.Run();
            }
            var quiet = h.ApplyUntilQuiet(result);

            Assert.False(quiet.Blocked);
            h.AssertAggregatesHold();
            h.AssertEveryFillMapsOnce();
            // Replaying the first run's bookings books nothing: every id was booked already.
            foreach (var booking in first.Corrections.OfType<BookingCorrection>())
                Assert.Null(h.Ledger.Book(LedgerKeys.Supervisor, booking.Fill, booking.AgentId, TestInstruments.Get(booking.Fill.InstId),
                    ReconciliationHarness.Leverage, booking.Confidence, booking.Origin));
        }));
    }

    [Fact]
    public void Reconciling_while_trading_keeps_the_books_in_agreement_at_every_deep_run()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(80), Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var h = new ReconciliationHarness();
            for (var round = 0; round < 4; round++)
            {
                History(h, random, steps: 10, outages: false);
                var result = h.Run(ReconciliationLevel.Deep);
                if (result.Blocked)
                {
                    h.Apply(result); // a choice applies to the books as this run's corrections leave them
                    h.Choose(result, "align-ledger");
                    result = h.Run(ReconciliationLevel.Deep);
                }
                h.ApplyUntilQuiet(result);
                h.AssertAggregatesHold();
            }
        }));
    }

    private static void History(ReconciliationHarness h, Random random, int? steps = null, bool outages = true)
    {
        var price = 50_000m;
        var count = steps ?? 15 + random.Next(30);
        var outageAt = outages && random.Next(4) == 0 ? random.Next(count) : -1;
        for (var i = 0; i < count; i++)
        {
            if (i == outageAt) h.LongOutage();
            var side = random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
            switch (random.Next(12))
            {
                case < 6:
                    AgentTrade(h, random);
                    break;
                case 6:
                    h.Manual(Swap, ReconciliationContextSides.Opening(side), side, Lots(random, 1, 20));
                    break;
                case 7 when ExchangeHolds(h, side) is > 0m and var held:
                    h.Manual(Swap, ReconciliationContextSides.Closing(side), side, Math.Max(0.1m, TestInstruments.BtcUsdtSwap.RoundDownToLot(held * random.Next(1, 101) / 100m)));
                    break;
                case 8 when h.Kit.Balance("BTC").Available is > 0.001m and var btc:
                    h.Manual(Spot, OrderSide.Sell, PositionSide.Long, TestInstruments.BtcUsdt.RoundDownToLot(btc * random.Next(1, 101) / 100m));
                    break;
                case 9:
                    h.CloseByHand(side);
                    break;
                case 10 when random.Next(3) == 0:
                    h.Liquidate(side);
                    break;
                default:
                    price = Math.Max(10_000m, price + random.Next(-1_000, 1_001));
                    h.Move(price);
                    break;
            }
        }
    }

    /// <summary>An agent opens, adds or closes part of what its own books say it holds; one booking in five is lost.</summary>
    private static void AgentTrade(ReconciliationHarness h, Random random)
    {
        var agent = 1 + random.Next(3);
        var spot = agent == 3;
        var instrument = spot ? TestInstruments.BtcUsdt : TestInstruments.BtcUsdtSwap;
        var side = spot || random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
        var book = random.Next(5) != 0;
        var held = h.Ledger.Private(agent).Position(instrument, side)?.Amount ?? 0m;
        if (held > 0m && random.Next(3) == 0)
        {
            var size = Math.Max(instrument.MinSize, instrument.RoundDownToLot(held * random.Next(1, 101) / 100m));
            h.TryTrade(agent, instrument.InstId, ReconciliationContextSides.Closing(side), side, Math.Min(size, held), book);
            return;
        }
        var open = spot ? random.Next(1, 500) / 10_000m : Lots(random, 1, 30);
        h.TryTrade(agent, instrument.InstId, ReconciliationContextSides.Opening(side), side, open, book);
    }

    private static decimal Lots(Random random, int min, int max) => random.Next(min, max + 1) / 10m;

    private static decimal ExchangeHolds(ReconciliationHarness h, PositionSide side) => h.Kit.Position(side)?.Size ?? 0m;
}
