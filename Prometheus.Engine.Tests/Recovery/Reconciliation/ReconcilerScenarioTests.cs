using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>
/// The scenario table: one row per case and per combination that can occur together; it is also the test plan.
/// Each row sets the world up on the real simulated exchange with a real ledger (agents 1 and 2 on the swap, agent
/// 3 on spot unless said otherwise), runs a Full reconciliation, and asserts the new items ("kind case agent
/// resolved|open") and the corrections, in order. Then the corrections are applied (for a blocked row, after a person
/// takes the row's choice) and the invariants must hold, and a rerun must report nothing new.
/// </summary>
public class ReconcilerScenarioTests
{
    private const PositionSide L = PositionSide.Long, S = PositionSide.Short;

    internal sealed record Scenario(string Name, Action<ReconciliationHarness> Arrange, string[] Items, string[] Corrections, string? Choice = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Scenario[] Table =
    [
        new("nothing wrong",
            h => { h.Open(1, Swap, L, 2m); h.Open(2, Swap, S, 1m); h.Open(3, Spot, L, 0.1m); },
            [], []),
        new("A: a fill the engine never booked",
            h => { h.Open(1, Swap, L, 2m); h.Open(2, Swap, L, 1m, book: false); },
            ["MissingFill A a2 resolved"], ["BookFill a2 1 Decision"]),
        new("orphan: a trade by hand",
            h => { h.Open(1, Swap, L, 2m); h.Manual(Swap, OrderSide.Buy, L, 1m); },
            ["Orphan - - open"], ["RecordOrphan 1"]),
        new("a round trip by hand leaves the agents alone",
            h => { h.Open(1, Swap, L, 2m); h.Manual(Swap, OrderSide.Buy, L, 1m); h.Manual(Swap, OrderSide.Sell, L, 1m); },
            ["Orphan - - open", "Orphan - - open"], ["RecordOrphan 1", "RecordOrphan -1"]),
        new("B: a position closed by hand",
            h => { h.Open(1, Swap, L, 2m); h.Open(2, Swap, L, 1m); h.CloseByHand(L); },
            ["ClosedOutside B a1 resolved", "ClosedOutside B a2 resolved"], ["CloseOutside a1 2 Outside", "CloseOutside a2 1 Outside"]),
        new("B: a partial close by hand is shared pro rata",
            h => { h.Open(1, Swap, L, 3m); h.Open(2, Swap, L, 1m); h.Manual(Swap, OrderSide.Sell, L, 2m); },
            ["ClosedOutside B a1 resolved", "ClosedOutside B a2 resolved"], ["CloseOutside a1 1.5 Outside", "CloseOutside a2 0.5 Outside"]),
        new("B: liquidated while the engine was down",
            h => { h.Open(1, Swap, L, 2m); h.Open(2, Swap, L, 2m); h.Liquidate(L); },
            ["ClosedOutside B a1 resolved", "ClosedOutside B a2 resolved"], ["CloseOutside a1 2 Liquidation", "CloseOutside a2 2 Liquidation"]),
        new("B: spot sold by hand",
            h => { h.Open(3, Spot, L, 0.1m); h.Manual(Spot, OrderSide.Sell, L, 0.04m); },
            ["ClosedOutside B a3 resolved"], ["CloseOutside a3 0.04 Outside"]),
        new("A + B: a missing fill, and an outside close on the other side",
            h => { h.Open(1, Swap, L, 2m, book: false); h.Open(2, Swap, S, 1m); h.CloseByHand(S); },
            ["MissingFill A a1 resolved", "ClosedOutside B a2 resolved"], ["BookFill a1 2 Decision", "CloseOutside a2 1 Outside"]),
        new("A + B: a lost booking, then the position liquidated",
            h => { h.Open(1, Swap, L, 2m); h.Open(2, Swap, L, 1m, book: false); h.Liquidate(L); },
            ["MissingFill A a2 resolved", "ClosedOutside B a1 resolved", "ClosedOutside B a2 resolved"],
            ["BookFill a2 1 Decision", "CloseOutside a1 2 Liquidation", "CloseOutside a2 1 Liquidation"]),
        new("B: a liquidation half booked (a crash between the parts)",
            h =>
            {
                h.Open(1, Swap, L, 2m); h.Open(2, Swap, L, 2m);
                var fill = h.Liquidate(L).Single();
                h.Book(1, fill with { TradeId = $"{fill.TradeId}-1", Size = 2m, Fee = fill.Fee / 2 }, TradeOrigin.Liquidation);
            },
            ["ClosedOutside B a2 resolved"], ["CloseOutside a2 2 Liquidation"]),
        new("orphan + B: a trade by hand, then the whole position closed by hand",
            h => { h.Open(1, Swap, L, 2m); h.Manual(Swap, OrderSide.Buy, L, 1m); h.CloseByHand(L); },
            ["Orphan - - open", "Orphan - - open", "ClosedOutside B a1 resolved"], ["RecordOrphan 1", "RecordOrphan -1", "CloseOutside a1 2 Outside"]),
        new("unknown outcome that did fill",
            h => { h.Journal.Add(Unknown(h, 1, "p1x900", 1m)); h.Trade(1, Swap, OrderSide.Buy, L, 1m, book: false, clOrdId: "p1x900"); h.LookUpUnknowns(); },
            ["UnknownOutcome - a1 resolved", "MissingFill A a1 resolved"], ["ResolveUnknown Filled", "BookFill a1 1 RiskExit"]),
        new("unknown outcome that never reached the exchange",
            h => { h.Journal.Add(Unknown(h, 1, "p1x901", 1m)); h.LookUpUnknowns(); },
            ["UnknownOutcome - a1 resolved"], ["ResolveUnknown none"]),
        new("unknown outcome not looked up yet (it did fill)",
            h => { h.Journal.Add(Unknown(h, 1, "p1x902", 1m)); h.Trade(1, Swap, OrderSide.Buy, L, 1m, book: false, clOrdId: "p1x902"); },
            ["UnknownOutcome - a1 open", "MissingFill A a1 resolved"], ["LookUpOrder", "BookFill a1 1 RiskExit"]),
        new("stale take-profit of a position its agent closed",
            h =>
            {
                h.Open(1, Swap, L, 1m);
                h.Limit(1, Swap, OrderSide.Sell, L, 1m, 60_000m);
                h.Open(2, Swap, L, 1m);
                h.Close(1, Swap, L, 1m);
            },
            ["StaleOrder - a1 resolved"], ["CancelOrder"]),
        new("stale order of a dead agent",
            h => { h.Limit(2, Swap, OrderSide.Buy, L, 1m, 40_000m); h.Alive[2] = false; },
            ["StaleOrder - a2 resolved"], ["CancelOrder"]),
        new("B: drift after a long outage (the closing fill is no longer kept)",
            h => { h.Open(1, Swap, L, 2m); h.Open(2, Swap, L, 1m); h.CloseByHand(L); h.LongOutage(); },
            ["PositionDrift B - resolved"], ["CloseOutside a1 2 Outside", "CloseOutside a2 1 Outside"]),
        new("orphan position after a long outage",
            h => { h.Manual(Swap, OrderSide.Buy, L, 1m); h.LongOutage(); },
            ["Orphan - - open"], ["RecordOrphan 1"]),
        new("D: ledger long, exchange short, after a long outage",
            h => { h.Open(1, Swap, L, 2m); h.CloseByHand(L); h.Manual(Swap, OrderSide.Sell, S, 3m); h.LongOutage(); },
            ["DirectionMismatch D - open"], ["Block align-ledger,close-exchange,flatten-both"], Choice: "align-ledger"),
        new("a booking the exchange never made: phantom, and drift no fill explains blocks",
            h =>
            {
                h.Open(1, Swap, L, 2m);
                h.Book(2, new ExchangeFill("999999", "1", "p2x999999", Swap, OrderSide.Buy, L, 1m, 50_000m, 0.25m, "USDT", h.NowMs), TradeOrigin.Decision);
            },
            ["PhantomTrade - a2 open", "PositionDrift - - open"], ["Block align-ledger"], Choice: "align-ledger"),
        new("C: public and private disagree, the newer wins",
            h =>
            {
                h.Open(1, Swap, L, 2m);
                var record = h.Ledger.Records[0];
                h.PrivateOverride = [record with { Amount = 3m, TimestampMs = record.TimestampMs - 1 }];
            },
            ["LedgerMismatch C a1 resolved"], ["RepairRecord Private"]),
    ];

    public static TheoryData<string> Names => new(Table.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_row_reports_its_items_and_corrections_and_after_them_the_invariants_hold(string name)
    {
        var scenario = Table.Single(s => s.Name == name);
        var h = new ReconciliationHarness();
        scenario.Arrange(h);

        var result = h.Run();

        Assert.Equal(scenario.Items, result.Items.Select(Describe));
        Assert.Equal(scenario.Corrections, result.Corrections.Select(Describe));
        Assert.Empty(result.Outstanding);
        Assert.Equal(scenario.Choice is not null, result.Blocked);
        Assert.False(result.Escalate);
        Assert.Equal(result.Items.Select(i => i.Id).Distinct().Count(), result.Items.Count);
        var again = h.Run(); // deterministic: the same input, the same result
        Assert.Equal(result.Items, again.Items);
        Assert.Equal(result.Corrections.Where(c => c is not Block), again.Corrections.Where(c => c is not Block));

        if (scenario.Choice is { } choice)
        {
            h.Apply(result);
            Assert.True(h.Run().Blocked); // still blocked until a person chooses
            h.Choose(result, choice);
            result = h.Run();
        }
        var quiet = h.ApplyUntilQuiet(result);
        Assert.False(quiet.Blocked);
        h.AssertAggregatesHold();
        h.AssertEveryFillMapsOnce();
    }

    internal static JournalEntryState Unknown(ReconciliationHarness h, int agent, string clOrdId, decimal size) =>
        new(agent, clOrdId, new OrderRequest(Swap, clOrdId, OrderSide.Buy, L, OrderType.Market, size), TradeOrigin.RiskExit, 1.0,
            h.NowMs, JournalState.Unknown, null);

    internal static string Describe(ReconciliationItem i) =>
        $"{i.Kind} {i.Case} {(i.AgentId is { } a ? $"a{a}" : "-")} {(i.Resolved ? "resolved" : "open")}";

    internal static string Describe(Correction c) => c switch
    {
        BookFill b => $"BookFill a{b.AgentId} {ReconciliationIds.Num(b.Fill.Size)} {b.Origin}",
        CloseOutside o => $"CloseOutside a{o.AgentId} {ReconciliationIds.Num(o.Fill.Size)} {o.Origin}",
        RecordOrphan r => $"RecordOrphan {ReconciliationIds.Num(r.Orphan.Delta)}",
        ResolveUnknown u => $"ResolveUnknown {u.Order?.State.ToString() ?? "none"}",
        RepairRecord r => $"RepairRecord {r.Target}",
        Block b => $"Block {string.Join(',', b.Choices.Select(x => x.Name))}",
        _ => c.GetType().Name,
    };
}
