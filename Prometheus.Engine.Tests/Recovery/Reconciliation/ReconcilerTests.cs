using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;
using static Prometheus.Engine.Tests.Recovery.Reconciliation.ReconcilerScenarioTests;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>What the scenario table does not show: each way out of a block, the levels, known findings, moving windows, replays.</summary>
public class ReconcilerTests
{
    private const PositionSide L = PositionSide.Long, S = PositionSide.Short;

    [Theory]
    [InlineData("align-ledger", 0, 3)]
    [InlineData("close-exchange", 2, 0)]
    [InlineData("flatten-both", 0, 0)]
    public void Each_way_out_of_a_direction_mismatch_leaves_books_and_exchange_in_agreement(string choice, decimal exchangeLong, decimal exchangeShort)
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m);
        h.CloseByHand(L);
        h.Manual(Swap, OrderSide.Sell, S, 3m);
        h.LongOutage();
        var blocked = h.Run();
        Assert.True(blocked.Blocked);
        h.Apply(blocked);
        var still = h.Run();
        Assert.True(still.Blocked);
        Assert.True(still.NothingNew); // the block is known: nothing is raised twice
        Assert.Equal(K.DirectionMismatch, Assert.Single(still.Outstanding).Kind);

        h.Choose(blocked, choice);
        var after = h.ApplyUntilQuiet(h.Run());

        Assert.False(after.Blocked);
        Assert.Equal(exchangeLong, h.Kit.Position(L)?.Size ?? 0m);
        Assert.Equal(exchangeShort, h.Kit.Position(S)?.Size ?? 0m);
        Assert.Equal(choice == "close-exchange" ? 2m : 0m, h.Ledger.PositionAmount(TestInstruments.BtcUsdtSwap, L));
        h.AssertAggregatesHold();
        h.AssertEveryFillMapsOnce();
    }

    [Fact]
    public void Applying_the_corrections_twice_books_nothing_twice()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m, book: false);
        h.Open(2, Swap, L, 1m);
        h.Liquidate(L);
        var result = h.Run();
        h.Apply(result);
        var hash = h.Ledger.ComputeHash();
        var records = h.Ledger.Records.Count;

        h.Apply(result);

        Assert.Equal(hash, h.Ledger.ComputeHash());
        Assert.Equal(records, h.Ledger.Records.Count);
        Assert.True(h.Run().NothingNew);
    }

    [Fact]
    public void A_correction_not_applied_is_outstanding_and_asked_for_again_but_not_new()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m, book: false);
        var first = h.Run();
        foreach (var item in first.Items) h.Known.Add(item.Id); // reported, but the booking was never applied

        var second = h.Run();

        Assert.Empty(second.Items);
        Assert.Equal(K.MissingFill, Assert.Single(second.Outstanding).Kind);
        Assert.Equal(first.Corrections, second.Corrections);
    }

    [Fact]
    public void Known_orphans_stay_outstanding_and_count_once_a_person_has_decided_about_them()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m);
        h.Manual(Swap, OrderSide.Buy, L, 1m);
        h.Apply(h.Run());

        var open = h.Run();
        Assert.True(open.NothingNew);
        Assert.False(Assert.Single(open.Outstanding).Resolved);

        h.Orphans[0] = h.Orphans[0] with { Status = OrphanStatus.Dismissed };
        Assert.True(Assert.Single(h.Run().Outstanding).Resolved);
        h.AssertAggregatesHold();
    }

    [Fact]
    public void An_orphan_a_person_adopted_is_its_agents_and_nothing_is_reported_again()
    {
        var h = new ReconciliationHarness();
        var fill = h.Manual(Swap, OrderSide.Buy, L, 1m);
        h.Apply(h.Run());

        // The coordinator books the adopted orphan to agent 2 under "{tradeId}-a2", and marks it adopted.
        h.Book(2, fill with { TradeId = $"{fill.TradeId}-a2" }, TradeOrigin.Outside);
        h.Orphans[0] = h.Orphans[0] with { Status = OrphanStatus.Adopted };

        var result = h.Run();
        Assert.True(result.NothingNew);
        Assert.Empty(result.Outstanding);
        h.AssertAggregatesHold();
        h.WindowFromMs = h.NowMs + 1; // and once the fill has left the window
        Assert.True(h.Run().NothingNew);
    }

    [Fact]
    public void Orphan_exposure_still_counts_once_its_fill_has_left_the_window()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m);
        h.Manual(Swap, OrderSide.Buy, L, 1m);
        h.Apply(h.Run());
        h.Kit.Clock.Advance(TimeSpan.FromHours(1));
        h.WindowFromMs = h.NowMs; // the next checkpoint: older fills are no longer asked for

        h.Manual(Swap, OrderSide.Sell, L, 1m); // the person closes their own trade

        var result = h.Run();
        Assert.Equal(["Orphan - - open"], result.Items.Select(Describe));
        Assert.Equal(["RecordOrphan -1"], result.Corrections.Select(Describe));
        h.ApplyUntilQuiet(result);
        h.AssertAggregatesHold();
    }

    [Fact]
    public void An_order_whose_fills_are_gone_is_booked_from_the_order_itself_after_a_long_outage()
    {
        var h = new ReconciliationHarness();
        h.Journal.Add(Unknown(h, 1, "p1x700", 2m));
        h.Trade(1, Swap, OrderSide.Buy, L, 2m, book: false, clOrdId: "p1x700");
        h.LongOutage();
        h.LookUpUnknowns();
        var order = h.Lookups["p1x700"]!;

        var result = h.Run();

        Assert.Equal(["MissingFill A a1 resolved", "UnknownOutcome - a1 resolved"], result.Items.Select(Describe));
        var book = Assert.IsType<BookFill>(result.Corrections[0]);
        Assert.Equal((2m, order.AveragePrice, order.Fee, TradeOrigin.RiskExit), (book.Fill.Size, book.Fill.Price, book.Fill.Fee, book.Origin));
        Assert.StartsWith(ReconciliationIds.SyntheticPrefix, book.Fill.TradeId);
        h.ApplyUntilQuiet(result);
        h.AssertAggregatesHold();
    }

    [Fact]
    public void Light_checks_the_order_against_its_bookings_and_escalates_what_it_cannot_explain()
    {
        var h = new ReconciliationHarness();
        var clOrdId = h.NextClOrdId(1);
        h.Kit.Market(Swap, clOrdId, OrderSide.Buy, 2m, L);
        var fill = Assert.Single(h.Kit.DrainFills());
        h.Book(1, fill with { Size = 1.5m }, TradeOrigin.Decision); // booked short of what filled
        h.Lookups[clOrdId] = h.Kit.Order(Swap, clOrdId);

        var light = h.Run(ReconciliationLevel.Light);

        Assert.Equal(["OrderMismatch - a1 open"], light.Items.Select(Describe));
        Assert.Empty(light.Corrections);
        Assert.True(light.Escalate);
        Assert.Equal(0, light.Counts.Fills);
    }

    [Fact]
    public void Light_reports_an_order_filled_at_another_price_than_booked()
    {
        var h = new ReconciliationHarness();
        var clOrdId = h.Open(1, Swap, L, 2m);
        var order = h.Kit.Order(Swap, clOrdId);
        h.Lookups[clOrdId] = order with { AveragePrice = order.AveragePrice + 1m };

        var light = h.Run(ReconciliationLevel.Light);

        var item = Assert.Single(light.Items);
        Assert.Equal(K.OrderMismatch, item.Kind);
        Assert.Contains("average", item.Detail);
    }

    [Fact]
    public void Light_finds_nothing_when_the_order_matches_its_bookings()
    {
        var h = new ReconciliationHarness();
        var clOrdId = h.Open(1, Swap, L, 2m);
        h.Lookups[clOrdId] = h.Kit.Order(Swap, clOrdId);
        h.Manual(Swap, OrderSide.Buy, L, 1m); // not Light's business

        var light = h.Run(ReconciliationLevel.Light);

        Assert.True(light.NothingNew);
        Assert.False(light.Escalate);
    }

    [Fact]
    public void Medium_settles_orders_and_escalates_position_differences_without_booking()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m);
        h.Open(2, Swap, L, 1m, book: false);
        h.Limit(3, Swap, OrderSide.Buy, L, 1m, 40_000m);
        h.Alive[3] = false;
        h.Journal.Add(Unknown(h, 1, "p1x800", 1m));
        h.LookUpUnknowns();

        var medium = h.Run(ReconciliationLevel.Medium);

        Assert.Equal(["UnknownOutcome - a1 resolved", "PositionDrift - - open", "StaleOrder - a3 resolved"], medium.Items.Select(Describe));
        Assert.Equal(["ResolveUnknown none", "CancelOrder"], medium.Corrections.Select(Describe));
        Assert.True(medium.Escalate);
        Assert.False(medium.Blocked);

        h.Apply(medium);
        var deep = h.Run(ReconciliationLevel.Deep);
        Assert.Equal(["MissingFill A a2 resolved"], deep.Items.Select(Describe));
        Assert.False(deep.Escalate);
    }

    [Fact]
    public void Only_Full_compares_the_public_ledger_with_the_private_ones_and_a_newer_private_record_wins()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m);
        var record = h.Ledger.Records[0];
        var newer = record with { Fee = record.Fee + 0.01m, TimestampMs = record.TimestampMs + 5 };
        h.PrivateOverride = [newer];

        Assert.True(h.Run(ReconciliationLevel.Deep).NothingNew);
        var full = h.Run();

        var repair = Assert.IsType<RepairRecord>(Assert.Single(full.Corrections));
        Assert.Equal((newer, LedgerSide.Public), (repair.Winner, repair.Target));
        Assert.Contains("private one is newer", Assert.Single(full.Items).Detail);

        h.PrivateOverride = [];
        var missing = Assert.IsType<RepairRecord>(Assert.Single(h.Run().Corrections));
        Assert.Equal((record, LedgerSide.Private), (missing.Winner, missing.Target));
    }

    [Fact]
    public void Fills_are_attributed_in_the_exchanges_order_whatever_order_they_arrive_in()
    {
        var h = new ReconciliationHarness();
        h.Open(1, Swap, L, 2m, book: false);
        h.Open(2, Swap, L, 2m);
        h.Manual(Swap, OrderSide.Sell, L, 3m);
        var input = h.Input();
        var reversed = input with { Exchange = input.Exchange with { Fills = [.. input.Exchange.Fills.Reverse()] } };

        var a = Reconciler.Reconcile(input, ReconciliationLevel.Full);
        var b = Reconciler.Reconcile(reversed, ReconciliationLevel.Full);

        Assert.Equal(a.Items, b.Items);
        Assert.Equal(a.Corrections, b.Corrections);
        Assert.Equal(["BookFill a1 2 Decision", "CloseOutside a1 1.5 Outside", "CloseOutside a2 1.5 Outside"], a.Corrections.Select(Describe));
    }

    [Fact]
    public void Instruments_not_reconciled_are_left_alone()
    {
        var h = new ReconciliationHarness();
        h.Manual(Spot, OrderSide.Buy, L, 0.1m);
        var input = h.Input() with { Instruments = [TestInstruments.BtcUsdtSwap] };

        Assert.True(Reconciler.Reconcile(input, ReconciliationLevel.Full).NothingNew);
    }

    [Fact]
    public void Spot_holdings_become_long_positions_of_their_spot_instrument()
    {
        var positions = ExchangeFacts.SpotPositions(
            [new ExchangeBalance("USDT", 1_000m, 900m, 100m), new ExchangeBalance("BTC", 0.25m, 0.2m, 0.05m)], TestInstruments.All);

        var spot = Assert.Single(positions);
        Assert.Equal((Spot, L, 0.25m), (spot.InstId, spot.PosSide, spot.Size));
    }

    [Fact]
    public void Ids_are_stable_across_decimal_scales_and_reconciliation_clOrdIds_name_no_agent()
    {
        Assert.Equal(ReconciliationIds.Num(1.500m), ReconciliationIds.Num(1.5m));
        Assert.Equal("0.00001", ReconciliationIds.Num(0.0000100m));
        var clOrdId = ReconciliationIds.OrderClOrdId("direction:x|align");
        Assert.True(ReconciliationIds.IsReconciliationOrder(clOrdId));
        Assert.Null(ClOrdIds.AgentOf(clOrdId));
        Assert.Equal(clOrdId, ReconciliationIds.OrderClOrdId("direction:x|align"));
        Assert.False(ReconciliationIds.IsReconciliationOrder("p1x1"));
    }
}
