using Prometheus.Engine.Exchange;
using Prometheus.Engine.Supervision;
using static Prometheus.Engine.Recovery.Reconciliation.ReconciliationIds;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Orders against the books: each order looked up exists with the size and price booked under its clOrdId (the
/// light check); journal entries sent without an answer are settled with what the lookup found, never assumed;
/// pending orders a position no longer needs are cancelled.
/// </summary>
internal static class OrderChecks
{
    /// <summary>
    /// Booked (and, from Deep, unbooked window fills) under each looked-up clOrdId against the exchange's order.
    /// Returns the fills inferred from orders whose own fills are older than a truncated window.
    /// </summary>
    public static List<BookFill> Lookups(ReconciliationContext ctx, Findings findings, ReconciliationLevel level)
    {
        var inferred = new List<BookFill>();
        var deep = level >= ReconciliationLevel.Deep;
        var unbooked = deep ? UnbookedByClOrdId(ctx) : [];
        foreach (var (clOrdId, order) in ctx.Input.Exchange.OrderLookups.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var booked = ctx.BookedUnder(clOrdId);
            if (order is null)
            {
                if (booked.Count > 0)
                    findings.Add(Mismatch(clOrdId, booked[0].AgentId, booked[0].InstId, booked[0].PosSide, 0m, booked.Sum(r => r.Amount),
                        $"{Num(booked.Sum(r => r.Amount))} is booked under clOrdId {clOrdId}, which the exchange has never seen"));
                continue;
            }
            if (!ctx.Instruments.TryGetValue(order.InstId, out var instrument))
                continue;
            var pending = unbooked.GetValueOrDefault(clOrdId) ?? [];
            var seen = booked.Sum(r => r.Amount) + pending.Sum(f => f.Size);
            var notional = booked.Sum(r => r.Price * r.Amount) + pending.Sum(f => f.Price * f.Size);
            var owner = ctx.Owner(clOrdId);
            if (seen == order.FilledSize)
            {
                if (seen > 0m && Math.Abs(notional / seen - order.AveragePrice) > instrument.TickSize / 2)
                    findings.Add(Mismatch(clOrdId, owner, order.InstId, order.PosSide, order.FilledSize, seen,
                        $"order {order.OrdId} filled {Num(seen)} at an average {Num(order.AveragePrice)}; the books say {Num(decimal.Round(notional / seen, 8))}"));
                continue;
            }
            if (seen < order.FilledSize && deep && !ctx.Window.Complete && owner is { } agentId)
            {
                inferred.Add(Infer(ctx, findings, order, agentId, seen, notional, booked.Sum(r => r.Fee) + pending.Sum(f => f.Fee)));
                continue;
            }
            findings.Add(Mismatch(clOrdId, owner, order.InstId, order.PosSide, order.FilledSize, seen,
                $"order {order.OrdId} ({clOrdId}) filled {Num(order.FilledSize)} on the exchange; {Num(seen)} is booked" +
                (deep ? " or in the fills" : "")));
            findings.Escalate |= !deep;
        }
        return inferred;
    }

    /// <summary>Journal entries sent without an answer (Unknown, or Intended at a restart): settled by the lookup, or looked up.</summary>
    public static void UnknownOutcomes(ReconciliationContext ctx, Findings findings)
    {
        foreach (var entry in ctx.Journal.Values.Where(e => e.State is JournalState.Unknown or JournalState.Intended)
                     .OrderBy(e => e.CreatedMs).ThenBy(e => e.ClOrdId, StringComparer.Ordinal))
        {
            var id = $"unknown-outcome:{entry.ClOrdId}";
            var request = entry.Request;
            var sent = $"order {entry.ClOrdId} ({(request.Side == OrderSide.Buy ? "buy" : "sell")} {Num(request.Size)} {request.InstId} {Side(request.PosSide)}) was sent without an answer";
            if (!ctx.Input.Exchange.OrderLookups.TryGetValue(entry.ClOrdId, out var order))
            {
                findings.Add(new ReconciliationItem(id, K.UnknownOutcome, K.NoCase, entry.AgentId, request.InstId, request.PosSide,
                        $"{sent}; it has not been looked up", "look it up by clOrdId before anything is retried", false),
                    corrections: new LookUpOrder(id, request.InstId, entry.ClOrdId));
                continue;
            }
            var found = order is null
                ? "the exchange has never seen it: nothing was placed, nothing to book"
                : $"the exchange has it {order.State}, {Num(order.FilledSize)} of {Num(order.Size)} filled at {Num(order.AveragePrice)}";
            findings.Add(new ReconciliationItem(id, K.UnknownOutcome, K.NoCase, entry.AgentId, request.InstId, request.PosSide,
                    $"{sent}; {found}", order is null ? "journal entry rejected, reservation released" : $"journal entry moved to {order.State}; its fills are booked by their own items", true),
                corrections: new ResolveUnknown(id, entry.ClOrdId, order));
        }
    }

    /// <summary>Pending orders left behind: a close for a position its agent (or the exchange) no longer has, any order of a dead agent.</summary>
    public static void StaleOrders(ReconciliationContext ctx, Findings findings, Holdings holdings)
    {
        foreach (var order in ctx.Input.Exchange.PendingOrders.OrderBy(o => o.CreatedMs).ThenBy(o => o.OrdId.Length).ThenBy(o => o.OrdId, StringComparer.Ordinal))
        {
            if (!ctx.Instruments.TryGetValue(order.InstId, out var instrument) || IsReconciliationOrder(order.ClOrdId))
                continue;
            var key = new PositionKey(order.InstId, order.PosSide);
            var closing = !ReconciliationContext.IsOpening(instrument, order.Side, order.PosSide);
            var owner = ctx.Owner(order.ClOrdId);
            string? why = null;
            if (owner is { } dead && !ctx.Agents[dead].Alive)
                why = $"its agent {dead} is dead";
            else if (closing && ctx.ExchangeSize(key) == 0m)
                why = $"it closes {key}, which the exchange no longer holds";
            else if (closing && owner is { } agentId && holdings.Agent(agentId, key) <= 0m)
                why = $"it closes {key} for agent {agentId}, who no longer holds it";
            else if (owner is null && ClOrdIds.AgentOf(order.ClOrdId) is null && !closing)
            {
                findings.Add(new ReconciliationItem($"orphan-order:{order.InstId}:{order.OrdId}", K.Orphan, K.NoCase, null, order.InstId, order.PosSide,
                    $"pending order {order.OrdId} ({Describe(order)}) was placed outside Prometheus (clOrdId '{order.ClOrdId}')",
                    "left alone: its fills will be orphans; cancel it by hand if it is not wanted", false));
                continue;
            }
            if (why is null)
                continue;
            var id = $"stale-order:{order.InstId}:{order.OrdId}";
            findings.Add(new ReconciliationItem(id, K.StaleOrder, K.NoCase, owner, order.InstId, order.PosSide,
                    $"pending order {order.OrdId} ({Describe(order)}, clOrdId '{order.ClOrdId}') is left behind: {why}", "cancelled", true),
                corrections: new CancelOrder(id, order.InstId, order.OrdId, order.ClOrdId));
        }
    }

    private static BookFill Infer(ReconciliationContext ctx, Findings findings, ExchangeOrder order, int agentId, decimal seen, decimal seenNotional, decimal seenFees)
    {
        // The order's own record says how much filled and at what average: the part no fill is left for is what remains.
        var size = order.FilledSize - seen;
        var price = decimal.Round((order.AveragePrice * order.FilledSize - seenNotional) / size, 12);
        if (price <= 0m) price = order.AveragePrice;
        var fee = Math.Max(0m, order.Fee - seenFees);
        var fill = new ExchangeFill($"{SyntheticPrefix}ord{order.OrdId}-{Num(order.FilledSize)}", order.OrdId, order.ClOrdId, order.InstId,
            order.Side, order.PosSide, size, price, fee, ctx.Instruments[order.InstId].QuoteCcy, order.UpdatedMs);
        var id = $"missing-fill:{order.InstId}:ord{order.OrdId}:{Num(order.FilledSize)}";
        var (origin, confidence) = ctx.OriginOf(order.ClOrdId);
        var book = new BookFill(id, agentId, fill, origin, confidence);
        findings.Add(new ReconciliationItem(id, K.MissingFill, K.CaseA, agentId, order.InstId, order.PosSide,
                $"order {order.OrdId} ({order.ClOrdId}) filled {Num(order.FilledSize)} at an average {Num(order.AveragePrice)}; only {Num(seen)} " +
                "is booked or in the fills, whose older part the exchange no longer keeps",
                $"the rest inferred from the order and booked as {fill.TradeId}: {Num(size)} at {Num(price)}, fee {Num(fee)}", true),
            corrections: book);
        return book;
    }

    private static Dictionary<string, List<ExchangeFill>> UnbookedByClOrdId(ReconciliationContext ctx)
    {
        var map = new Dictionary<string, List<ExchangeFill>>(StringComparer.Ordinal);
        foreach (var fill in ctx.Fills)
        {
            if (fill.ClOrdId.Length == 0 || ctx.BookedFor(fill).Count > 0) continue;
            if (!map.TryGetValue(fill.ClOrdId, out var list)) map[fill.ClOrdId] = list = [];
            list.Add(fill);
        }
        return map;
    }

    private static ReconciliationItem Mismatch(string clOrdId, int? agentId, string instId, PositionSide posSide, decimal filled, decimal booked, string detail) =>
        new($"order-mismatch:{clOrdId}:{Num(filled)}:{Num(booked)}", K.OrderMismatch, K.NoCase, agentId, instId, posSide, detail,
            "a person checks the order on the exchange; nothing is booked or unbooked on a guess", false);

    private static string Describe(ExchangeOrder o) =>
        $"{(o.Side == OrderSide.Buy ? "buy" : "sell")} {Num(o.Size - o.FilledSize)} {o.InstId} {Side(o.PosSide)}{(o.Price is { } p ? $" at {Num(p)}" : "")}";
}
