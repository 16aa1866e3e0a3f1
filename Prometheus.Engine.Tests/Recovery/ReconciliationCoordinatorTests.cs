using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated.Faults;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Engine.Tests.Recovery;

/// <summary>
/// The coordinator on a real engine, exchange and store: outside events found and corrected through the Supervisor,
/// orphans kept and decided, blocks raised and lifted by a person, every finding recorded and audited; on each store provider.
/// </summary>
public class ReconciliationCoordinatorTests
{
    private static async Task<StoreScenario> WithSwapLongsAsync(StoreProvider provider)
    {
        var s = new StoreScenario(provider: provider);
        await s.RunUntilAsync(sup => sup.Living.Count(a => sup.Ledger.Private(a.Id).Position(TestInstruments.BtcUsdtSwap, PositionSide.Long) is { IsOpen: true }) >= 2);
        return s;
    }

    private static void AssertAggregatesHold(StoreScenario s, ReconciliationCoordinator coordinator)
    {
        var positions = s.Engine.Exchange.GetPositionsAsync().AsTask().Result;
        foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
        {
            var exchange = positions.Where(p => p.InstId == TestInstruments.BtcUsdtSwap.InstId && p.PosSide == side).Sum(p => p.Size);
            var orphans = coordinator.Orphans.Where(o => o.Orphan.InstId == TestInstruments.BtcUsdtSwap.InstId && o.Orphan.PosSide == side
                && o.Orphan.Status != OrphanStatus.Adopted).Sum(o => o.Orphan.Delta);
            Assert.Equal(exchange, s.Supervisor.Ledger.PositionAmount(TestInstruments.BtcUsdtSwap, side) + orphans);
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_close_by_hand_is_booked_to_its_holders_and_a_trade_by_hand_becomes_an_orphan_both_audited(StoreProvider provider)
    {
        using var s = await WithSwapLongsAsync(provider);
        var coordinator = new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store);
        await coordinator.RunAsync(ReconciliationLevel.Full);
        var holders = s.Engine.Holding(TestInstruments.BtcUsdtSwap, PositionSide.Long).Select(a => a.Id).ToList();

        s.Engine.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Sell, PositionSide.Short, 1m);
        s.Engine.Exchange.ClosePositionByHand(TestInstruments.BtcUsdtSwap.InstId, PositionSide.Long);
        s.Supervisor.AllowTrading(false);
        await s.Engine.StepAsync(); // the Supervisor drains the fills: nobody's, so it wants a deep look
        Assert.True(s.Supervisor.HasUnattributedFills);
        await coordinator.AfterCycleAsync(CancellationToken.None);

        Assert.False(s.Supervisor.HasUnattributedFills);
        Assert.Empty(s.Engine.Holding(TestInstruments.BtcUsdtSwap, PositionSide.Long));
        var outside = coordinator.Items.Where(i => i.Kind == ReconciliationKinds.ClosedOutside).ToList();
        Assert.Equal(holders.Order(), outside.Select(i => i.AgentId!.Value).Order());
        Assert.All(outside, i => Assert.True(i.Resolved));
        var orphan = Assert.Single(coordinator.Orphans).Orphan;
        Assert.Equal((PositionSide.Short, 1m, OrphanStatus.Open), (orphan.PosSide, orphan.Delta, orphan.Status));
        AssertAggregatesHold(s, coordinator);
        Assert.True((await coordinator.RunAsync(ReconciliationLevel.Deep)).NothingNew);

        await s.Store.FlushAsync();
        using var db = s.Store.CreateContext();
        Assert.Contains(db.AuditLog, a => a.Action == ReconciliationKinds.Orphan);
        Assert.Equal(outside.Count, db.AuditLog.Count(a => a.Action == ReconciliationKinds.ClosedOutside));
        Assert.Single(db.Orphans);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_fill_booked_before_an_earlier_fills_outside_close_parts_is_not_mistaken_for_a_missing_one(StoreProvider provider)
    {
        using var s = await WithSwapLongsAsync(provider);
        var coordinator = new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store);
        await coordinator.RunAsync(ReconciliationLevel.Full);
        var agent = s.Supervisor.Living.First(a => a.Instrument == TestInstruments.BtcUsdtSwap);

        s.Engine.Exchange.ClosePositionByHand(TestInstruments.BtcUsdtSwap.InstId, PositionSide.Long);      // fill A at t
        s.Engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var ack = await s.Engine.Exchange.PlaceOrderAsync(new OrderRequest(TestInstruments.BtcUsdtSwap.InstId, $"p{agent.Id}x999999",
            OrderSide.Sell, PositionSide.Short, OrderType.Market, 1m));                                 // fill B at t + 1 min, the agent's
        Assert.True(ack.Accepted, ack.Message);
        s.Supervisor.AllowTrading(false);
        await s.Engine.StepAsync();   // B is booked now; A's parts only when reconciliation books them, after B
        await coordinator.AfterCycleAsync(CancellationToken.None);

        var again = await coordinator.RunAsync(ReconciliationLevel.Deep);
        Assert.True(again.NothingNew, string.Join("\n", again.Items.Select(i => i.Detail)));
        Assert.False(coordinator.Blocked, coordinator.BlockReason);
        Assert.DoesNotContain(coordinator.Items, i => i.Kind == ReconciliationKinds.MissingFill);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_orphan_is_adopted_closed_or_dismissed_once_and_a_bad_decision_is_refused_with_a_reason(StoreProvider provider)
    {
        using var s = await WithSwapLongsAsync(provider);
        var coordinator = new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store);
        s.Engine.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Sell, PositionSide.Short, 1m);
        s.Engine.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Sell, PositionSide.Short, 2m);
        s.Engine.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Buy, PositionSide.Long, 1m);
        s.Supervisor.AllowTrading(false);
        await s.Engine.StepAsync();
        await coordinator.RunAsync(ReconciliationLevel.Deep);
        var ids = coordinator.Orphans.Select(o => o.Orphan.Id).ToList();
        Assert.Equal(3, ids.Count);
        var swapAgent = s.Supervisor.Living.First(a => a.Instrument == TestInstruments.BtcUsdtSwap);
        var spotAgent = s.Supervisor.Living.First(a => a.Instrument == TestInstruments.BtcUsdt);

        var wrongInstrument = await Assert.ThrowsAsync<ReconciliationDecisionException>(() => coordinator.AdoptAsync(ids[0], spotAgent.Id, "test"));
        Assert.Contains("trades BTC-USDT", wrongInstrument.Message);
        await coordinator.AdoptAsync(ids[0], swapAgent.Id, "test");
        await coordinator.DismissAsync(ids[1], "test");
        await coordinator.CloseOrphanAsync(ids[2], "test");
        await Assert.ThrowsAsync<ReconciliationDecisionException>(() => coordinator.DismissAsync(ids[0], "test"));
        await Assert.ThrowsAsync<ReconciliationDecisionException>(() => coordinator.AdoptAsync("orphan:nope", swapAgent.Id, "test"));

        var statuses = coordinator.Orphans.Where(o => ids.Contains(o.Orphan.Id)).ToDictionary(o => o.Orphan.Id, o => o.Orphan.Status);
        Assert.Equal([OrphanStatus.Adopted, OrphanStatus.Dismissed, OrphanStatus.Closed], ids.Select(id => statuses[id]));
        Assert.Equal(swapAgent.Id, coordinator.Orphans.Single(o => o.Orphan.Id == ids[0]).AdoptedBy);
        Assert.Contains(s.Supervisor.Ledger.Private(swapAgent.Id).History, r => r.Origin == Prometheus.Engine.Ledger.TradeOrigin.Outside && r.ExchangeTradeId.EndsWith($"-a{swapAgent.Id}"));
        AssertAggregatesHold(s, coordinator);
        var again = await coordinator.RunAsync(ReconciliationLevel.Deep);
        Assert.True(again.NothingNew, string.Join("\n", again.Items.Select(i => i.Detail)) + string.Join("\n", again.Corrections));

        // What was decided survives a restart: a new coordinator on the same store knows it.
        var reopened = new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store);
        Assert.Equal(coordinator.Orphans.Select(o => (o.Orphan.Id, o.Orphan.Status, o.AdoptedBy)), reopened.Orphans.Select(o => (o.Orphan.Id, o.Orphan.Status, o.AdoptedBy)));
        Assert.True((await reopened.RunAsync(ReconciliationLevel.Full)).NothingNew);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Closing_an_orphan_attributes_the_closing_fill_to_that_orphan_instead_of_raising_a_new_one(StoreProvider provider)
    {
        using var s = await WithSwapLongsAsync(provider);
        var coordinator = new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store);
        s.Engine.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Sell, PositionSide.Short, 2m);
        s.Supervisor.AllowTrading(false);
        await s.Engine.StepAsync();
        await coordinator.RunAsync(ReconciliationLevel.Deep);
        var opened = Assert.Single(coordinator.Orphans).Orphan;

        await coordinator.CloseOrphanAsync(opened.Id, "test");
        await s.Engine.StepAsync();
        await coordinator.RunAsync(ReconciliationLevel.Deep);

        Assert.DoesNotContain(coordinator.Orphans, o => o.Orphan.Status == OrphanStatus.Open);
        var closing = Assert.Single(coordinator.Orphans, o => o.Orphan.Id != opened.Id).Orphan;
        Assert.Equal((OrphanStatus.Closed, -opened.Delta, ReconciliationIds.OrphanCloseClOrdId(opened.Id)), (closing.Status, closing.Delta, closing.ClOrdId));
        Assert.Contains(opened.Id, closing.Reason);
        Assert.Contains(coordinator.Items, i => i.Id == closing.Id && i.Resolved && i.Correction!.Contains($"attributed to orphan {opened.Id}"));
        AssertAggregatesHold(s, coordinator);
        Assert.True((await new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store).RunAsync(ReconciliationLevel.Full)).NothingNew);
    }

    public static TheoryData<string, StoreProvider> Choices()
    {
        var choices = new TheoryData<string, StoreProvider>();
        foreach (var provider in TestStore.Available)
        foreach (var choice in (string[])["align-ledger", "close-exchange", "flatten-both"])
            choices.Add(choice, provider);
        return choices;
    }

    [Theory]
    [MemberData(nameof(Choices))]
    public async Task A_direction_mismatch_after_a_long_outage_blocks_until_a_person_chooses_a_way_out(string choice, StoreProvider provider)
    {
        using var s = await WithSwapLongsAsync(provider);
        // While the engine was down for longer than the exchange keeps fills: the long was closed and a short opened by hand.
        s.Engine.Exchange.ClosePositionByHand(TestInstruments.BtcUsdtSwap.InstId, PositionSide.Long);
        s.Engine.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Sell, PositionSide.Short, 3m);
        while (s.Engine.Exchange.Fills.TryRead(out _)) { } // the engine never saw them
        s.Engine.Clock.Advance(TimeSpan.FromDays(4));
        // The exchange keeps fills 3 days: the window of what it can still tell starts after those fills.
        s.Store.SetCounter(ReconciliationCoordinator.WindowCounter, s.Engine.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 3 * 86_400_000L);
        var coordinator = new ReconciliationCoordinator(s.Supervisor, s.Engine.Exchange, s.Store, fillRetention: TimeSpan.FromDays(3));

        await coordinator.RunAsync(ReconciliationLevel.Full);

        Assert.True(coordinator.Blocked);
        var (itemId, choices) = Assert.Single(coordinator.Blocks);
        Assert.Equal(ReconciliationKinds.DirectionMismatch, coordinator.Items.Single(i => i.Id == itemId).Kind);
        Assert.Equal(["align-ledger", "close-exchange", "flatten-both"], choices.Select(c => c.Name));
        await Assert.ThrowsAsync<ReconciliationDecisionException>(() => coordinator.DecideAsync(itemId, "hope", "test"));

        await coordinator.DecideAsync(itemId, choice, "test");
        s.Supervisor.AllowTrading(false);
        await s.Engine.StepAsync();
        var after = await coordinator.RunAsync(ReconciliationLevel.Deep);

        Assert.False(coordinator.Blocked, coordinator.BlockReason + "\n" + string.Join("\n", after.All.Select(i => i.Detail)));
        Assert.True(coordinator.Items.Single(i => i.Id == itemId).Resolved);
        AssertAggregatesHold(s, coordinator);
        using var db = s.Store.CreateContext();
        await s.Store.FlushAsync();
        Assert.Contains(db.AuditLog, a => a.Action == "decide" && a.Detail.Contains(choice));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_order_whose_answer_was_lost_is_looked_up_and_its_fill_booked_once(StoreProvider provider)
    {
        using var s = new StoreScenario(provider: provider);
        var faults = new FaultInjectingExchange(s.Engine.Exchange);
        var supervisor = Prometheus.Engine.Supervision.Supervisor.Restore(s.Engine.Options, faults, s.Engine.Clock, new Random(5), s.Supervisor.CaptureSnapshot(), []);
        supervisor.AttachStore(s.Store);
        var scenario = s.Engine.WithSupervisor(supervisor);
        faults.Inject(new FaultPlan(FaultKind.Timeout, Requests: 3));

        await scenario.StepUntilAsync(sup => faults.Active is null && sup.Journal.Open.Count == 0 && sup.Ledger.Records.Count >= 10);

        var fills = await s.Engine.Exchange.GetFillsAsync();
        Assert.Equal(fills.Select(f => f.TradeId).Order(), supervisor.Ledger.Records.Select(r => r.ExchangeTradeId).Order());
        Assert.True(LedgerVerification.Verify(supervisor.Ledger, fills).Consistent);
    }
}
