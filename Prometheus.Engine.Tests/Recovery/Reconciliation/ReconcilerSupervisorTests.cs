using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Tests.Exchange.Simulated;
using Prometheus.Engine.Tests.Supervision;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>
/// The reconciler on the books of a real Supervisor whose agents traded real candles on the simulated exchange; the
/// engine "goes down" by not draining the exchange's fills while the exchange acts on its own.
/// </summary>
public class ReconcilerSupervisorTests
{
    private static readonly Instrument Swap = TestInstruments.BtcUsdtSwap;

    [Fact]
    public async Task The_books_of_a_real_run_reconcile_clean_at_every_level()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 30);

        foreach (var level in Enum.GetValues<ReconciliationLevel>())
        {
            var result = Reconciler.Reconcile(Input(s), level);
            Assert.True(result.NothingNew, $"{level}: {string.Join("; ", result.Items.Select(i => i.Detail))}");
            Assert.Empty(result.Outstanding);
            Assert.False(result.Blocked || result.Escalate);
        }
    }

    [Fact]
    public async Task A_liquidation_while_the_engine_was_down_is_closed_in_each_holders_ledger_as_the_Supervisor_would()
    {
        var s = new SupervisorScenario(o => o.Agents.Initial = o.Agents.Max = 16, agents: 16);
        await s.StepUntilAsync(sup => s.Holding(Swap, PositionSide.Long).Count() >= 2);
        var holders = s.Holding(Swap, PositionSide.Long)
            .ToDictionary(a => a.Id, a => s.Supervisor.Ledger.Private(a.Id).Position(Swap, PositionSide.Long)!.Amount);

        var fill = Assert.Single(s.Exchange.Liquidate(Swap.InstId, PositionSide.Long));
        Drain(s); // the engine is down: it never sees the fill

        var result = Reconciler.Reconcile(Input(s), ReconciliationLevel.Full);

        Assert.All(result.Items, i => Assert.Equal((K.ClosedOutside, true), (i.Kind, i.Resolved)));
        var closes = result.Corrections.Cast<CloseOutside>().ToList();
        Assert.Equal(holders, closes.ToDictionary(c => c.AgentId, c => c.Fill.Size));
        Assert.All(closes, c => Assert.Equal((TradeOrigin.Liquidation, $"{fill.TradeId}-{c.AgentId}", fill.Price), (c.Origin, c.Fill.TradeId, c.Fill.Price)));
        Assert.Equal(fill.Fee, closes.Sum(c => c.Fill.Fee));

        Apply(s, result);
        Assert.Equal(0m, s.Supervisor.Ledger.PositionAmount(Swap, PositionSide.Long));
        var again = Reconciler.Reconcile(Input(s, known: result.Items), ReconciliationLevel.Full);
        Assert.True(again.NothingNew);
        Assert.True(Engine.Recovery.LedgerVerification.Verify(s.Supervisor.Ledger, [.. await s.Exchange.GetFillsAsync()]).Consistent);
    }

    [Fact]
    public async Task An_order_sent_just_before_a_crash_is_looked_up_settled_and_its_fill_booked()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 5);
        var agent = s.Supervisor.Living.First(a => a.Instrument == Swap && s.Supervisor.Ledger.Private(a.Id).OpenPositionCount == 0);
        var clOrdId = s.Supervisor.ClOrdIds.Next(agent.Id);
        var request = new OrderRequest(Swap.InstId, clOrdId, OrderSide.Buy, PositionSide.Long, OrderType.Market, 1m);
        s.Supervisor.Journal.Intend(agent.Id, clOrdId, request, TradeOrigin.Decision, 0.7, s.Supervisor.NowMs);
        s.Supervisor.Journal.Move(clOrdId, JournalState.Unknown);
        Assert.True((await s.Exchange.PlaceOrderAsync(request)).Accepted); // it reached the exchange; the answer did not come back
        Drain(s);

        var unlooked = Reconciler.Reconcile(Input(s), ReconciliationLevel.Full);
        Assert.Contains(unlooked.Corrections, c => c is LookUpOrder l && l.ClOrdId == clOrdId);

        var lookups = new Dictionary<string, ExchangeOrder?> { [clOrdId] = await s.Exchange.GetOrderAsync(Swap.InstId, null, clOrdId) };
        var result = Reconciler.Reconcile(Input(s, lookups), ReconciliationLevel.Full);

        Assert.Equal([K.UnknownOutcome, K.MissingFill], result.Items.Select(i => i.Kind));
        var book = Assert.Single(result.Corrections.OfType<BookFill>());
        Assert.Equal((agent.Id, TradeOrigin.Decision, 0.7), (book.AgentId, book.Origin, book.Confidence));
        Apply(s, result);
        Assert.Empty(s.Supervisor.Journal.Open);
        Assert.Equal(1m, s.Supervisor.Ledger.Private(agent.Id).Position(Swap, PositionSide.Long)!.Amount);
        Assert.True(Reconciler.Reconcile(Input(s), ReconciliationLevel.Full).NothingNew);
    }

    private static void Drain(SupervisorScenario s)
    {
        while (s.Exchange.Fills.TryRead(out _)) { }
    }

    private static ReconciliationInput Input(SupervisorScenario s, IReadOnlyDictionary<string, ExchangeOrder?>? lookups = null,
        IEnumerable<Prometheus.Engine.Recovery.ReconciliationItem>? known = null)
    {
        var exchange = s.Exchange;
        var positions = exchange.GetPositionsAsync().Done().Concat(ExchangeFacts.SpotPositions(exchange.GetBalancesAsync().Done(), TestInstruments.All)).ToList();
        return new ReconciliationInput(TestInstruments.All, LedgerFacts.From(s.Supervisor),
            new ExchangeFacts(positions, exchange.GetPendingOrdersAsync().Done(), exchange.GetFillsAsync().Done(), new FillWindow(0, true),
                lookups ?? new Dictionary<string, ExchangeOrder?>()),
            [], (known ?? []).Select(i => i.Id).ToHashSet(), TestInstruments.All.ToDictionary(i => i.InstId, i => exchange.LastPrice(i.InstId)),
            s.Supervisor.NowMs);
    }

    /// <summary>What the coordinator will do with these corrections, through the Supervisor's ledger and journal.</summary>
    private static void Apply(SupervisorScenario s, ReconciliationResult result)
    {
        foreach (var correction in result.Corrections)
        {
            switch (correction)
            {
                case BookingCorrection b:
                    var instrument = TestInstruments.Get(b.Fill.InstId);
                    s.Supervisor.Ledger.Book(LedgerKeys.Supervisor, b.Fill, b.AgentId, instrument,
                        instrument.Kind == InstrumentKind.Spot ? 1m : s.Options.Risk.SwapLeverage, b.Confidence, b.Origin);
                    break;
                case ResolveUnknown { Order: { } order } u:
                    s.Supervisor.Journal.Move(u.ClOrdId, order.State == OrderState.Filled ? JournalState.Filled : JournalState.Accepted, order.OrdId);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected {correction}.");
            }
        }
    }
}
