using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Tests.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>
/// Agents trading on the real simulated exchange, their fills booked into a real public ledger the way the
/// Supervisor books them (or lost, as when the engine was down), outside events injected, and a coordinator's part
/// played in miniature: it gathers the reconciler's input and applies its corrections (bookings through the real
/// booking step, orphans kept, orders cancelled or placed on the exchange, journal entries settled).
/// </summary>
internal sealed class ReconciliationHarness
{
    public const decimal Leverage = 3m;
    private long _sequence;

    /// <param name="instruments">What the exchange lists and reconciliation covers (default: the engine's default pair).</param>
    public ReconciliationHarness(int agents = 3, IReadOnlyList<Instrument>? instruments = null)
    {
        Instruments = instruments ?? TestInstruments.All;
        Kit = new SimulatedExchangeKit(o => o.InitialBalance = 10_000_000m,
            create: (options, clock, random) => new SimulatedExchange(options, clock, random, Instruments));
        Kit.Feed(Bar(50_000m, volume: 1_000m));
        for (var id = 1; id <= agents; id++)
        {
            Ledger.OpenAccount(LedgerKeys.Supervisor, id, 1_000_000m);
            Alive[id] = true;
        }
    }

    public SimulatedExchangeKit Kit { get; }
    public IReadOnlyList<Instrument> Instruments { get; }
    public PublicLedger Ledger { get; } = new();
    public Dictionary<int, bool> Alive { get; } = [];
    public List<JournalEntryState> Journal { get; } = [];
    public List<OrphanRecord> Orphans { get; } = [];
    public HashSet<string> Known { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ExchangeOrder?> Lookups { get; } = new(StringComparer.Ordinal);
    public List<RepairRecord> Repairs { get; } = [];
    /// <summary>When set, the private ledgers' records as the input shows them (a case C fault); a repair clears it.</summary>
    public List<TradeRecord>? PrivateOverride { get; set; }
    public long WindowFromMs { get; set; }
    public bool WindowComplete { get; set; } = true;

    public long NowMs => Kit.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public string NextClOrdId(int agent) => $"p{agent}x{++_sequence}";

    /// <summary>An agent's market order; its fills are booked unless <paramref name="book"/> is false (the engine never saw them).</summary>
    public string Trade(int agent, string instId, OrderSide side, PositionSide posSide, decimal size, bool book = true, string? clOrdId = null)
    {
        Tick();
        clOrdId ??= NextClOrdId(agent);
        var ack = Kit.Market(instId, clOrdId, side, size, posSide);
        Assert.True(ack.Accepted, $"{clOrdId}: {ack.Code} {ack.Message}");
        foreach (var fill in Kit.DrainFills())
            if (book) Book(agent, fill, TradeOrigin.Decision);
        return clOrdId;
    }

    public string Open(int agent, string instId, PositionSide posSide, decimal size, bool book = true) =>
        Trade(agent, instId, ReconciliationContextSides.Opening(posSide), posSide, size, book);

    public string Close(int agent, string instId, PositionSide posSide, decimal size, bool book = true) =>
        Trade(agent, instId, ReconciliationContextSides.Closing(posSide), posSide, size, book);

    /// <summary>An agent's market order the exchange may refuse (a close of more than it still holds): false when refused.</summary>
    public bool TryTrade(int agent, string instId, OrderSide side, PositionSide posSide, decimal size, bool book)
    {
        Tick();
        if (!Kit.Market(instId, NextClOrdId(agent), side, size, posSide).Accepted)
            return false;
        foreach (var fill in Kit.DrainFills())
            if (book) Book(agent, fill, TradeOrigin.Decision);
        return true;
    }

    /// <summary>The market moves: a bar on both instruments (no agent rests orders here, so it fills nothing).</summary>
    public void Move(decimal close)
    {
        Kit.Feed(Bar(close, volume: 1_000m));
        Assert.Empty(Kit.DrainFills());
    }

    public string Limit(int agent, string instId, OrderSide side, PositionSide posSide, decimal size, decimal price)
    {
        Tick();
        var clOrdId = NextClOrdId(agent);
        Assert.True(Kit.Limit(instId, clOrdId, side, size, price, posSide).Accepted);
        Assert.Empty(Kit.DrainFills());
        return clOrdId;
    }

    public ExchangeFill Manual(string instId, OrderSide side, PositionSide posSide, decimal size)
    {
        Tick();
        var fill = Kit.Exchange.ManualOrder(instId, side, posSide, size);
        Kit.DrainFills();
        return fill;
    }

    public IReadOnlyList<ExchangeFill> CloseByHand(PositionSide posSide)
    {
        Tick();
        var fills = Kit.Exchange.ClosePositionByHand(Swap, posSide);
        Kit.DrainFills();
        return fills;
    }

    public IReadOnlyList<ExchangeFill> Liquidate(PositionSide posSide)
    {
        Tick();
        var fills = Kit.Exchange.Liquidate(Swap, posSide);
        Kit.DrainFills();
        return fills;
    }

    /// <summary>Time passes beyond what the exchange keeps: the fill window starts now and is truncated.</summary>
    public void LongOutage()
    {
        Kit.Clock.Advance(TimeSpan.FromDays(4));
        WindowFromMs = NowMs;
        WindowComplete = false;
    }

    public void Book(int agent, ExchangeFill fill, TradeOrigin origin, double confidence = 0.5) =>
        Ledger.Book(LedgerKeys.Supervisor, fill, agent, Instruments.First(i => i.InstId == fill.InstId), Leverage, confidence, origin);

    /// <summary>Looks every journal entry without an answer up on the exchange, as the coordinator does before reconciling.</summary>
    public void LookUpUnknowns()
    {
        foreach (var entry in Journal.Where(e => e.State is JournalState.Unknown or JournalState.Intended))
            Lookups[entry.ClOrdId] = Kit.Exchange.GetOrderAsync(entry.Request.InstId, null, entry.ClOrdId).Done();
    }

    public ReconciliationInput Input()
    {
        var exchange = Kit.Exchange;
        var agents = Ledger.PrivateLedgers.Values.OrderBy(p => p.AgentId).Select(p => new LedgerAgent(p.AgentId, Alive[p.AgentId],
            [.. p.OpenPositions.Select(l => new LedgerPosition(l.Instrument.InstId, l.Side, l.Amount, l.AveragePrice))])).ToList();
        var privateRecords = PrivateOverride ?? [.. Ledger.PrivateLedgers.Values.SelectMany(p => p.History).OrderBy(r => r.TradeId)];
        var positions = exchange.GetPositionsAsync().Done().Concat(ExchangeFacts.SpotPositions(exchange.GetBalancesAsync().Done(), Instruments)).ToList();
        var fills = exchange.GetFillsAsync(sinceMs: WindowFromMs).Done();
        var marks = Instruments.ToDictionary(i => i.InstId, i => exchange.LastPrice(i.InstId));
        return new ReconciliationInput(Instruments,
            new LedgerFacts(agents, [.. Ledger.Records], privateRecords, [.. Journal]),
            new ExchangeFacts(positions, exchange.GetPendingOrdersAsync().Done(), fills, new FillWindow(WindowFromMs, WindowComplete),
                new Dictionary<string, ExchangeOrder?>(Lookups, StringComparer.Ordinal)),
            [.. Orphans], new HashSet<string>(Known, StringComparer.Ordinal), marks, NowMs);
    }

    public ReconciliationResult Run(ReconciliationLevel level = ReconciliationLevel.Full) => Reconciler.Reconcile(Input(), level);

    /// <summary>Applies a result's corrections in order and remembers its items, as the coordinator's audit log does.</summary>
    public void Apply(ReconciliationResult result) => Apply(result.Corrections, result.All);

    public void Apply(IEnumerable<Correction> corrections, IEnumerable<ReconciliationItem> items)
    {
        foreach (var item in items) Known.Add(item.Id);
        foreach (var correction in corrections)
        {
            switch (correction)
            {
                case BookingCorrection b:
                    Book(b.AgentId, b.Fill, b.Origin, b.Confidence);
                    break;
                case RecordOrphan r:
                    Orphans.RemoveAll(o => o.Id == r.Orphan.Id);
                    Orphans.Add(r.Orphan);
                    break;
                case CancelOrder c:
                    Assert.True(Kit.Exchange.CancelOrderAsync(c.InstId, c.OrdId, null).Done().Accepted);
                    break;
                case LookUpOrder l:
                    Lookups[l.ClOrdId] = Kit.Exchange.GetOrderAsync(l.InstId, null, l.ClOrdId).Done();
                    break;
                case ResolveUnknown u:
                    Journal.RemoveAll(e => e.ClOrdId == u.ClOrdId);
                    Lookups.Remove(u.ClOrdId);
                    break;
                case RepairRecord repair:
                    Repairs.Add(repair);
                    PrivateOverride = null;
                    break;
                case PlaceOrder p:
                    Tick();
                    Kit.Place(p.Request);
                    Kit.DrainFills();
                    break;
                case Block:
                    break; // waits for a person: see Choose
                default:
                    throw new InvalidOperationException($"No applier for {correction.GetType().Name}.");
            }
        }
    }

    /// <summary>A person picks a way out of the block in <paramref name="result"/>.</summary>
    public void Choose(ReconciliationResult result, string choice)
    {
        foreach (var block in result.Corrections.OfType<Block>())
            Apply((block.Choices.SingleOrDefault(c => c.Name == choice) ?? block.Choices[0]).Corrections, []);
    }

    /// <summary>Invariant 1: per (instrument, posSide) the agents' positions plus orphan exposure equal the exchange's position.</summary>
    public void AssertAggregatesHold()
    {
        var input = Input();
        foreach (var instrument in Instruments)
            foreach (var side in instrument.Kind == InstrumentKind.Spot ? [PositionSide.Long] : new[] { PositionSide.Long, PositionSide.Short })
            {
                var exchange = input.Exchange.Positions.Where(p => p.InstId == instrument.InstId && p.PosSide == side).Sum(p => p.Size);
                var orphans = Orphans.Where(o => o.InstId == instrument.InstId && o.PosSide == side && o.Status != OrphanStatus.Adopted).Sum(o => o.Delta);
                Assert.Equal(exchange, Ledger.PositionAmount(instrument, side) + orphans);
            }
    }

    /// <summary>Invariant 2: each fill of the window is booked once: its parts and its orphan part add up to its size and fee.</summary>
    public void AssertEveryFillMapsOnce()
    {
        var input = Input();
        var parts = Ledger.Records.GroupBy(r => (r.InstId, ReconciliationIds.BaseTradeId(r))).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var fill in input.Exchange.Fills)
        {
            var booked = parts.GetValueOrDefault((fill.InstId, fill.TradeId)) ?? [];
            var orphan = Orphans.Where(o => o.InstId == fill.InstId && o.TradeId == fill.TradeId).ToList();
            Assert.True(orphan.Count <= 1);
            Assert.Equal(fill.Size, booked.Sum(r => r.Amount) + orphan.Sum(o => Math.Abs(o.Delta)));
            Assert.Equal(fill.Fee, booked.Sum(r => r.Fee) + orphan.Sum(o => o.Fee));
        }
        Assert.Equal(Ledger.Records.Count, Ledger.Records.Select(r => (r.InstId, r.ExchangeTradeId)).Distinct().Count());
    }

    /// <summary>Invariant 4: applies until a run reports nothing new; it must take at most <paramref name="rounds"/> runs.</summary>
    public ReconciliationResult ApplyUntilQuiet(ReconciliationResult first, int rounds = 3)
    {
        var result = first;
        for (var i = 0; i < rounds; i++)
        {
            Apply(result);
            result = Run();
            if (result.NothingNew) return result;
        }
        Assert.Fail($"still not quiet after {rounds} rounds: {string.Join("; ", result.Items.Select(i => i.Detail))}");
        return result;
    }

    private void Tick() => Kit.Clock.Advance(TimeSpan.FromSeconds(1));
}

/// <summary>Hedge-mode sides, for readable test setups.</summary>
internal static class ReconciliationContextSides
{
    public static OrderSide Opening(PositionSide posSide) => posSide == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;

    public static OrderSide Closing(PositionSide posSide) => posSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
}
