using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// The input indexed once for the passes: instruments and agents by id, the window's fills in production order,
/// booked trades by the fill they stand for and by clOrdId, journal entries, exchange positions and known orphans.
/// </summary>
internal sealed class ReconciliationContext
{
    private readonly Dictionary<(string InstId, string TradeId), List<TradeRecord>> _bookedByFill = [];
    private readonly Dictionary<string, List<TradeRecord>> _bookedByClOrdId = new(StringComparer.Ordinal);
    private readonly HashSet<(string InstId, string TradeId)> _fillIds = [];
    private readonly Dictionary<PositionKey, ExchangePosition> _positions = [];
    private readonly Dictionary<(int AgentId, PositionKey Key), decimal> _averagePrices = [];
    private readonly Dictionary<(string InstId, string TradeId), OrphanRecord> _orphanParts = [];

    public ReconciliationContext(ReconciliationInput input, IReadOnlyList<TradeRecord> trades)
    {
        Input = input;
        Instruments = input.Instruments.ToDictionary(i => i.InstId, StringComparer.Ordinal);
        Agents = input.Ledger.Agents.ToDictionary(a => a.AgentId);
        foreach (var agent in input.Ledger.Agents)
            foreach (var p in agent.Positions)
                _averagePrices[(agent.AgentId, new PositionKey(p.InstId, p.PosSide))] = p.AveragePrice;

        // Production order: OKX trade ids grow per instrument; equal timestamps keep the exchange's sequence.
        Fills = [.. input.Exchange.Fills.Where(f => Instruments.ContainsKey(f.InstId))
            .OrderBy(f => f.TimestampMs).ThenBy(f => f.TradeId.Length).ThenBy(f => f.TradeId, StringComparer.Ordinal)];
        foreach (var fill in Fills) _fillIds.Add((fill.InstId, fill.TradeId));

        Trades = trades;
        foreach (var record in trades)
        {
            Version = Math.Max(Version, record.TradeId);
            if (record.ClOrdId.Length > 0)
                Add(_bookedByClOrdId, record.ClOrdId, record);
            var fillKey = (record.InstId, ReconciliationIds.BaseTradeId(record));
            if (_fillIds.Contains(fillKey))
                Add(_bookedByFill, fillKey, record);
        }

        Journal = input.Ledger.Journal.GroupBy(e => e.ClOrdId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var position in input.Exchange.Positions)
            if (Instruments.ContainsKey(position.InstId))
                _positions[new PositionKey(position.InstId, position.PosSide)] = position;
        Orphans = input.Orphans.GroupBy(o => o.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (var orphan in Orphans.Values)
            if (orphan is { TradeId: { } tradeId, Status: not OrphanStatus.Adopted } && _fillIds.Contains((orphan.InstId, tradeId)))
                _orphanParts.TryAdd((orphan.InstId, tradeId), orphan);
    }

    public ReconciliationInput Input { get; }
    public IReadOnlyDictionary<string, Instrument> Instruments { get; }
    public IReadOnlyDictionary<int, LedgerAgent> Agents { get; }
    public IReadOnlyList<ExchangeFill> Fills { get; }
    public IReadOnlyList<TradeRecord> Trades { get; }
    public IReadOnlyDictionary<string, JournalEntryState> Journal { get; }
    public IReadOnlyDictionary<string, OrphanRecord> Orphans { get; }
    public FillWindow Window => Input.Exchange.Window;

    /// <summary>The books' version: the last trade id booked. Part of position-level booking ids.</summary>
    public long Version { get; }

    /// <summary>Every (instrument, posSide) reconciled, in input order: long then short; spot has only long.</summary>
    public IEnumerable<PositionKey> Keys => Input.Instruments.SelectMany(i => i.Kind == InstrumentKind.Spot
        ? (IEnumerable<PositionKey>)[new(i.InstId, PositionSide.Long)]
        : [new(i.InstId, PositionSide.Long), new(i.InstId, PositionSide.Short)]);

    public bool IsWindowFill(string instId, string tradeId) => _fillIds.Contains((instId, tradeId));

    /// <summary>The booked trades standing for this fill: the fill itself, or the parts of an outside close.</summary>
    public IReadOnlyList<TradeRecord> BookedFor(ExchangeFill fill) => _bookedByFill.GetValueOrDefault((fill.InstId, fill.TradeId)) ?? [];

    public IEnumerable<TradeRecord> BookedInWindow => _bookedByFill.Values.SelectMany(r => r);

    /// <summary>The orphan part recorded for this fill by an earlier run (an adopted one is a booked part instead).</summary>
    public OrphanRecord? OrphanPart(ExchangeFill fill) => _orphanParts.GetValueOrDefault((fill.InstId, fill.TradeId));

    public IReadOnlyList<TradeRecord> BookedUnder(string clOrdId) => _bookedByClOrdId.GetValueOrDefault(clOrdId) ?? [];

    public decimal ExchangeSize(PositionKey key) => _positions.TryGetValue(key, out var p) ? p.Size : 0m;

    public decimal ExchangeAveragePrice(PositionKey key) => _positions.TryGetValue(key, out var p) ? p.AveragePrice : 0m;

    /// <summary>The agent a clOrdId names, when the books know that agent; null for a trade by hand or a foreign id.</summary>
    public int? Owner(string? clOrdId) => ClOrdIds.AgentOf(clOrdId) is { } id && Agents.ContainsKey(id) ? id : null;

    /// <summary>Hedge mode: buy/long and sell/short open; spot: a buy opens.</summary>
    public static bool IsOpening(Instrument instrument, OrderSide side, PositionSide posSide) =>
        instrument.Kind == InstrumentKind.Spot ? side == OrderSide.Buy : (side == OrderSide.Buy) == (posSide == PositionSide.Long);

    public static OrderSide ClosingSide(PositionSide posSide) => posSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;

    public static OrderSide OpeningSide(PositionSide posSide) => posSide == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;

    /// <summary>The price of a correction no fill prices: the mark; failing that the agent's own average (no PnL), then the exchange's.</summary>
    public decimal PriceFor(PositionKey key, int? agentId)
    {
        if (Input.Marks.TryGetValue(key.InstId, out var mark) && mark > 0m)
            return mark;
        if (agentId is { } id && _averagePrices.TryGetValue((id, key), out var average) && average > 0m)
            return average;
        return ExchangeAveragePrice(key);
    }

    public bool HasMark(string instId) => Input.Marks.TryGetValue(instId, out var mark) && mark > 0m;

    /// <summary>Where a booked trade came from, for a missing fill of the same order: the journal, or the order's other fills.</summary>
    public (TradeOrigin Origin, double Confidence) OriginOf(string clOrdId)
    {
        if (Journal.TryGetValue(clOrdId, out var entry))
            return (entry.Origin, entry.Confidence);
        return BookedUnder(clOrdId) is [var first, ..] ? (first.Origin, first.Confidence) : (TradeOrigin.Decision, 0);
    }

    private static void Add<TKey>(Dictionary<TKey, List<TradeRecord>> map, TKey key, TradeRecord record) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(record);
    }
}
