using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using static Prometheus.Engine.Recovery.Reconciliation.ReconciliationIds;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Position-level corrections, for differences no fill explains: the books' surplus closed (orphan exposure first,
/// then the agents pro rata, at the mark), the exchange's surplus recorded as an orphan, and the orders a person's
/// choice places. Booking ids are "rc-{tag}-{side}-{version}-{agent}": the same correction is the same booking.
/// </summary>
internal static class PositionCorrections
{
    /// <summary>Takes <paramref name="amount"/> off the books on <paramref name="key"/>; with <paramref name="apply"/>, off the holdings too.</summary>
    public static List<Correction> CloseBooks(ReconciliationContext ctx, Holdings holdings, PositionKey key, decimal amount, string tag,
        string itemId, bool apply)
    {
        var instrument = ctx.Instruments[key.InstId];
        var corrections = new List<Correction>();
        var fromOrphan = Math.Min(amount, Math.Max(0m, holdings.Orphan(key)));
        var parts = ProRata.Allocate(holdings.Holders(key), amount - fromOrphan, instrument);
        var toOrphan = amount - parts.Sum(p => p.Size);
        if (toOrphan > 0m)
        {
            corrections.Add(new RecordOrphan(itemId, new OrphanRecord($"orphan-choice:{Key(key)}:{tag}:{ctx.Version}", key.InstId, key.PosSide,
                -toOrphan, ctx.PriceFor(key, null), 0m, null, "", "", ctx.Input.AsOfMs, $"{tag}: orphan exposure the exchange no longer holds")));
            if (apply) holdings.AddOrphan(key, -toOrphan);
        }
        foreach (var (agentId, size) in parts)
        {
            var fill = new ExchangeFill($"{SyntheticPrefix}{tag}-{Side(key.PosSide)}-{ctx.Version}-{agentId}", "", "", key.InstId,
                ReconciliationContext.ClosingSide(key.PosSide), key.PosSide, size, ctx.PriceFor(key, agentId), 0m, instrument.QuoteCcy, ctx.Input.AsOfMs);
            corrections.Add(new CloseOutside(itemId, agentId, fill, TradeOrigin.Outside));
            if (apply) holdings.Apply(agentId, key, opening: false, size);
        }
        return corrections;
    }

    /// <summary>Records exposure the exchange holds and the books do not (positive) or the reverse (negative) as an orphan.</summary>
    public static RecordOrphan Orphan(ReconciliationContext ctx, PositionKey key, decimal delta, string id, string itemId, string reason)
    {
        var price = ctx.ExchangeAveragePrice(key) is > 0m and var average ? average : ctx.PriceFor(key, null);
        return new RecordOrphan(itemId, new OrphanRecord(id, key.InstId, key.PosSide, delta, price, 0m, null, "", "", ctx.Input.AsOfMs, reason));
    }

    /// <summary>A market order a person's choice places; its clOrdId is derived, so placing it twice is refused by the exchange.</summary>
    public static PlaceOrder Order(ReconciliationContext ctx, PositionKey key, bool close, decimal size, string itemId, string leg)
    {
        var instrument = ctx.Instruments[key.InstId];
        var side = close ? ReconciliationContext.ClosingSide(key.PosSide) : ReconciliationContext.OpeningSide(key.PosSide);
        return new PlaceOrder(itemId, new OrderRequest(key.InstId, OrderClOrdId($"{itemId}|{leg}"), side, key.PosSide, OrderType.Market, size,
            ReduceOnly: close && instrument.Kind == InstrumentKind.Swap));
    }

    public static string PriceNote(ReconciliationContext ctx, PositionKey key) =>
        ctx.HasMark(key.InstId) ? $"at the mark {Num(ctx.PriceFor(key, null))}" : "at each agent's average price (no mark: no PnL)";
}
