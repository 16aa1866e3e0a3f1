using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using static Prometheus.Engine.Recovery.Reconciliation.ReconciliationIds;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Deep pass: replays the window's fills, in the order the exchange made them, over the books as they stood before
/// the window (the agents' positions less every booked trade of the window, plus the orphan exposure recorded before
/// it), and attributes each fill:
/// - booked already (the fill itself, or parts "{tradeId}-…"): taken as booked;
/// - clOrdId names an agent: booked to it if it is not (case A);
/// - no owner, opening: an orphan;
/// - no owner, closing: it first takes back orphan exposure on that (instrument, posSide), the rest is a close outside
///   Prometheus split pro rata among the agents holding it then (case B), no part above what the agent's books can
///   still give (<see cref="Available"/>); what nobody can take is an orphan (exposure the books no longer hold).
/// An orphan part recorded by an earlier run counts like a booked part: once attributed, a fill is never attributed
/// differently, even when the books before the window have moved since (a close the ledger could not take whole).
/// Position-level facts (the reconciler's own "rc-" bookings, orphans recorded from a position difference) happened
/// when they were recorded, not at the start of the window: they are replayed at their time, after that millisecond's
/// fills, so they never change how an older fill was split.
/// Returns who holds what after the window, corrections included.
/// </summary>
internal static class FillReplay
{
    public static Holdings Run(ReconciliationContext ctx, Findings findings, IReadOnlyList<BookFill> inferred)
    {
        var holdings = Base(ctx);
        var available = Available(ctx, inferred);
        foreach (var book in inferred)
        {
            // Inferred fills are older than the window (their own fills are gone): part of the base.
            var instrument = ctx.Instruments[book.Fill.InstId];
            holdings.Apply(book.AgentId, new PositionKey(book.Fill.InstId, book.Fill.PosSide),
                ReconciliationContext.IsOpening(instrument, book.Fill.Side, book.Fill.PosSide), book.Fill.Size);
        }
        var late = LatePositionFacts(ctx);
        var next = 0;
        foreach (var fill in ctx.Fills)
        {
            for (; next < late.Count && late[next].TimestampMs < fill.TimestampMs; next++)
                late[next].Apply(holdings);
            Replay(ctx, findings, holdings, available, fill);
        }
        for (; next < late.Count; next++)
            late[next].Apply(holdings);
        Phantoms(ctx, findings);
        return holdings;
    }

    /// <summary>
    /// The books before the window: positions now, less the window's bookings and later position-level bookings, plus
    /// the orphans older than the window.
    /// </summary>
    internal static Holdings Base(ReconciliationContext ctx)
    {
        var holdings = Now(ctx, orphanFilter: o => o.TradeId is null ? o.TimestampMs < ctx.Window.FromMs : !ctx.IsWindowFill(o.InstId, o.TradeId));
        foreach (var record in ctx.BookedInWindow)
            holdings.Undo(record);
        foreach (var record in ctx.Trades)
            if (IsSynthetic(record.ExchangeTradeId) && record.TimestampMs >= ctx.Window.FromMs && ctx.Instruments.ContainsKey(record.InstId))
                holdings.Undo(record);
        return holdings;
    }

    /// <summary>Position-level bookings and orphans made inside the window, in time order (stable: as booked, then as recorded).</summary>
    private static List<(long TimestampMs, Action<Holdings> Apply)> LatePositionFacts(ReconciliationContext ctx)
    {
        var facts = new List<(long, Action<Holdings>)>();
        foreach (var record in ctx.Trades)
            if (IsSynthetic(record.ExchangeTradeId) && record.TimestampMs >= ctx.Window.FromMs && ctx.Instruments.ContainsKey(record.InstId))
                facts.Add((record.TimestampMs, h => h.Apply(record)));
        foreach (var orphan in ctx.Orphans.Values.OrderBy(o => o.Id, StringComparer.Ordinal))
            if (orphan is { TradeId: null, Status: not OrphanStatus.Adopted } && orphan.TimestampMs >= ctx.Window.FromMs && ctx.Instruments.ContainsKey(orphan.InstId))
                facts.Add((orphan.TimestampMs, h => h.AddOrphan(new PositionKey(orphan.InstId, orphan.PosSide), orphan.Delta)));
        return [.. facts.OrderBy(f => f.Item1)];
    }

    /// <summary>The books now: the agents' positions and the exposure of recorded orphans (an adopted one is its agent's).</summary>
    internal static Holdings Now(ReconciliationContext ctx, Func<OrphanRecord, bool>? orphanFilter = null)
    {
        var holdings = new Holdings();
        foreach (var agent in ctx.Input.Ledger.Agents)
            foreach (var p in agent.Positions)
                if (ctx.Instruments.ContainsKey(p.InstId))
                    holdings.Shift(agent.AgentId, new PositionKey(p.InstId, p.PosSide), p.Amount);
        foreach (var orphan in ctx.Orphans.Values)
            if (orphan.Status != OrphanStatus.Adopted && ctx.Instruments.ContainsKey(orphan.InstId) && (orphanFilter?.Invoke(orphan) ?? true))
                holdings.AddOrphan(new PositionKey(orphan.InstId, orphan.PosSide), orphan.Delta);
        return holdings;
    }

    /// <summary>
    /// What each agent's books can give to outside closes: the position now, plus its own missing and inferred
    /// openings, less its own missing closes. The replay's holdings say who held a position when a close happened; this
    /// says what the ledger can still take, which is less where an agent closed (on stale books) more than it held.
    /// </summary>
    private static Dictionary<(int, PositionKey), decimal> Available(ReconciliationContext ctx, IReadOnlyList<BookFill> inferred)
    {
        var available = new Dictionary<(int, PositionKey), decimal>();
        void Add(int agentId, ExchangeFill fill)
        {
            var key = (agentId, new PositionKey(fill.InstId, fill.PosSide));
            var opening = ReconciliationContext.IsOpening(ctx.Instruments[fill.InstId], fill.Side, fill.PosSide);
            available[key] = available.GetValueOrDefault(key) + (opening ? fill.Size : -fill.Size);
        }
        foreach (var agent in ctx.Input.Ledger.Agents)
            foreach (var p in agent.Positions)
                if (ctx.Instruments.ContainsKey(p.InstId))
                    available[(agent.AgentId, new PositionKey(p.InstId, p.PosSide))] = p.Amount;
        foreach (var book in inferred)
            Add(book.AgentId, book.Fill);
        foreach (var fill in ctx.Fills)
            if (ctx.Owner(fill.ClOrdId) is { } agentId && ctx.BookedFor(fill).Count == 0 && ctx.OrphanPart(fill) is null)
                Add(agentId, fill);
        return available;
    }

    private static void Replay(ReconciliationContext ctx, Findings findings, Holdings holdings, Dictionary<(int, PositionKey), decimal> available,
        ExchangeFill fill)
    {
        var instrument = ctx.Instruments[fill.InstId];
        var key = new PositionKey(fill.InstId, fill.PosSide);
        var opening = ReconciliationContext.IsOpening(instrument, fill.Side, fill.PosSide);
        var booked = ctx.BookedFor(fill);
        decimal bookedSize = 0m, bookedFee = 0m;
        var partOwners = new HashSet<int>();
        foreach (var record in booked)
        {
            holdings.Apply(record);
            bookedSize += record.Amount;
            bookedFee += record.Fee;
            partOwners.Add(record.AgentId);
        }
        if (ctx.OrphanPart(fill) is { } recorded)
        {
            // Recorded before: a fact like a booking, never decided again (the books may have moved since).
            bookedSize += Math.Abs(recorded.Delta);
            bookedFee += recorded.Fee;
            RecordOrphan(ctx, findings, holdings, fill, key, recorded.Delta, recorded.Fee);
        }
        var rest = fill.Size - bookedSize;
        var owner = ctx.Owner(fill.ClOrdId);
        if (rest < 0m || (rest > 0m && bookedSize > 0m && owner is not null))
        {
            // Booked more than filled, or an agent's own fill booked short: the books say something the exchange does not.
            findings.Add(new ReconciliationItem($"booked-size:{fill.InstId}:{fill.TradeId}", rest < 0m ? K.PhantomTrade : K.OrderMismatch, K.NoCase,
                booked[0].AgentId, fill.InstId, fill.PosSide, $"fill {Describe(fill)} is booked as {Num(bookedSize)}", null, false));
            return;
        }
        if (rest == 0m)
            return;

        if (owner is { } agentId)
        {
            var (origin, confidence) = ctx.OriginOf(fill.ClOrdId);
            holdings.Apply(agentId, key, opening, fill.Size);
            findings.Add(new ReconciliationItem($"missing-fill:{fill.InstId}:{fill.TradeId}", K.MissingFill, K.CaseA, agentId, fill.InstId,
                    fill.PosSide, $"fill {Describe(fill)} (clOrdId {fill.ClOrdId}) has no booked trade",
                    $"booked to agent {agentId} at the exchange's price and fee", true),
                corrections: new BookFill($"missing-fill:{fill.InstId}:{fill.TradeId}", agentId, fill, origin, confidence));
            return;
        }

        if (opening)
        {
            RecordOrphan(ctx, findings, holdings, fill, key, rest, fill.Fee - bookedFee);
            return;
        }

        // An outside close: orphan exposure first (a person closing what a person opened), then the agents pro rata.
        var fromOrphan = Math.Min(rest, Math.Max(0m, holdings.Orphan(key)));
        var holders = holdings.Holders(key).Where(h => !partOwners.Contains(h.AgentId))
            .Select(h => (h.AgentId, h.Amount, available.GetValueOrDefault((h.AgentId, key)))).ToList();
        var parts = ProRata.Allocate(holders, rest - fromOrphan, instrument);
        var toOrphan = rest - parts.Sum(p => p.Size);
        var feeLeft = fill.Fee - bookedFee;
        var orphanFee = parts.Count == 0 ? feeLeft : ProRata.Fee(fill.Fee, toOrphan, fill.Size);
        if (toOrphan > 0m)
            RecordOrphan(ctx, findings, holdings, fill, key, -toOrphan, orphanFee);
        feeLeft -= toOrphan > 0m ? orphanFee : 0m;

        var origin2 = fill.IsLiquidation ? TradeOrigin.Liquidation : TradeOrigin.Outside;
        for (var i = 0; i < parts.Count; i++)
        {
            var (holder, size) = parts[i];
            var fee = i == parts.Count - 1 ? feeLeft : ProRata.Fee(fill.Fee, size, fill.Size);
            feeLeft -= fee;
            var held = holdings.Agent(holder, key);
            holdings.Apply(holder, key, opening: false, size);
            available[(holder, key)] -= size;
            var part = fill with { TradeId = Part(fill.TradeId, holder), Size = size, Fee = fee };
            var id = $"closed-outside:{fill.InstId}:{fill.TradeId}:{holder}";
            findings.Add(new ReconciliationItem(id, K.ClosedOutside, K.CaseB, holder, fill.InstId, fill.PosSide,
                    $"{(fill.IsLiquidation ? "liquidated" : "closed outside Prometheus")}: {Num(size)} of the agent's {Num(held)} {key} by fill {Describe(fill)}",
                    $"closed in the ledger as {part.TradeId}: {Num(size)} at {Num(fill.Price)}, fee {Num(fee)}, PnL booked, marked closed outside", true),
                corrections: new CloseOutside(id, holder, part, origin2));
        }
    }

    private static void RecordOrphan(ReconciliationContext ctx, Findings findings, Holdings holdings, ExchangeFill fill, PositionKey key,
        decimal delta, decimal fee)
    {
        holdings.AddOrphan(key, delta);
        var ours = IsReconciliationOrder(fill.ClOrdId);
        var what = delta > 0m ? $"opens {Num(delta)}" : $"closes {Num(-delta)}";
        var id = $"orphan:{fill.InstId}:{fill.TradeId}";
        if (ours && ClosedOrphan(ctx, fill.ClOrdId) is { } closed)
        {
            // The close a person ordered for an orphan: that orphan's exposure going away, not new exposure to ask about.
            var closing = new OrphanRecord(id, fill.InstId, fill.PosSide, delta, fill.Price, fee, fill.TradeId, fill.OrdId, fill.ClOrdId,
                fill.TimestampMs, $"the close of orphan {closed.Id}", OrphanStatus.Closed);
            findings.Add(new ReconciliationItem(id, K.Orphan, K.NoCase, null, fill.InstId, fill.PosSide,
                    $"fill {Describe(fill)} {what} {key}: the close of orphan {closed.Id}",
                    $"attributed to orphan {closed.Id}, which it closes", Resolved: true),
                corrections: new RecordOrphan(id, closing));
            return;
        }
        var why = ours ? "an order a person's choice placed"
            : fill.ClOrdId.Length == 0 ? (fill.IsLiquidation ? "a liquidation of exposure no agent holds" : "traded by hand (no clOrdId)")
            : $"clOrdId {fill.ClOrdId} names no agent";
        var orphan = new OrphanRecord(id, fill.InstId, fill.PosSide, delta, fill.Price, fee, fill.TradeId, fill.OrdId, fill.ClOrdId,
            fill.TimestampMs, why);
        findings.Add(new ReconciliationItem(id, K.Orphan, K.NoCase, null, fill.InstId, fill.PosSide,
                $"fill {Describe(fill)} {what} {key} that no agent owns: {why}",
                "recorded as an orphan, booked to nobody: adopt, close or dismiss it", Resolved: ours),
            corrections: new RecordOrphan(id, orphan));
    }

    /// <summary>The orphan whose closing order (placed by <c>ReconciliationCoordinator.CloseOrphanAsync</c>) carries <paramref name="clOrdId"/>.</summary>
    private static OrphanRecord? ClosedOrphan(ReconciliationContext ctx, string clOrdId) =>
        ctx.Orphans.Values.FirstOrDefault(o => o.Status == OrphanStatus.Closed && OrphanCloseClOrdId(o.Id) == clOrdId);

    /// <summary>Booked trades inside the window that the exchange has no fill for: shown, never unbooked automatically.</summary>
    private static void Phantoms(ReconciliationContext ctx, Findings findings)
    {
        foreach (var record in ctx.Trades)
        {
            if (record.TimestampMs < ctx.Window.FromMs || IsSynthetic(record.ExchangeTradeId) || !ctx.Instruments.ContainsKey(record.InstId)
                || ctx.IsWindowFill(record.InstId, BaseTradeId(record)))
                continue;
            findings.Add(new ReconciliationItem($"phantom:{record.InstId}:{record.ExchangeTradeId}", K.PhantomTrade, K.NoCase, record.AgentId,
                record.InstId, record.PosSide,
                $"trade {record.TradeId} ({record.Side.ToWire()} {Num(record.Amount)} at {Num(record.Price)}, exchange trade {record.ExchangeTradeId}) " +
                "is booked but the exchange has no such fill in the window", null, false));
        }
    }

    internal static string Describe(ExchangeFill f) =>
        $"{f.TradeId} ({(f.Side == OrderSide.Buy ? "buy" : "sell")} {Num(f.Size)} {f.InstId} {Side(f.PosSide)} at {Num(f.Price)}, fee {Num(f.Fee)})";
}
