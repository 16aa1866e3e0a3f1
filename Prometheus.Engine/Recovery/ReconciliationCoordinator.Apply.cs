using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Recovery.Reconciliation;

namespace Prometheus.Engine.Recovery;

/// <summary>Applying a reconciliation's corrections, in the order given, and recording its findings.</summary>
public sealed partial class ReconciliationCoordinator
{
    public const string Actor = "reconciliation";

    /// <summary>Applies the corrections; returns true when orders were looked up and the run must be repeated with the answers.</summary>
    private async Task<bool> ApplyAsync(ReconciliationResult result, Dictionary<string, ExchangeOrder?> lookups, CancellationToken ct)
    {
        // Findings are recorded and audited before anything is corrected: a crash halfway through leaves them for the next
        // start's report, and no correction is ever made that the audit log does not announce.
        var found = result.All.Where(i => !_announced.Contains(i.Id)).ToList();
        if (found.Count > 0)
            _store?.SaveItems(found, result.Corrections.OfType<Block>().Select(b => b.ItemId).ToHashSet(StringComparer.Ordinal), auditActor: Actor);
        var lookedUp = false;
        var applied = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var correction in result.Corrections)
        {
            var done = await ApplyAsync(correction, lookups, ct);
            if (correction is LookUpOrder) lookedUp = true;
            if (done is not null)
                (applied.TryGetValue(correction.ItemId, out var list) ? list : applied[correction.ItemId] = []).Add(done);
        }
        // Positions are checked from Medium up: such a run says which blocks stand now (one the exchange resolved is gone).
        if (result.Level >= ReconciliationLevel.Medium) _blocks.Clear();
        foreach (var block in result.Corrections.OfType<Block>()) _blocks[block.ItemId] = block;

        var blocking = _blocks.Keys.ToHashSet(StringComparer.Ordinal);
        var items = result.All.Select(item => Settle(item, applied, blocking)).ToList();
        var fresh = items.Where(i => !_announced.Contains(i.Id)).ToList();
        foreach (var item in items)
        {
            _items[item.Id] = item;
            _announced.Add(item.Id);
            if (!blocking.Contains(item.Id)) _known.Add(item.Id);
        }
        if (items.Count > 0) _store?.SaveItems(items, blocking);
        foreach (var item in fresh)
            Found?.Invoke(item);
        return lookedUp;
    }

    /// <summary>An item is resolved when the reconciler says so, when every correction it named was applied (bookings, cancels), or when a person decided.</summary>
    private ReconciliationItem Settle(ReconciliationItem item, Dictionary<string, List<string>> applied, HashSet<string> blocking)
    {
        if (blocking.Contains(item.Id))
            return item with { Resolved = false };
        if (_orphans.TryGetValue(item.Id, out var orphan))
            return item with { Resolved = item.Resolved || orphan.Orphan.Status != OrphanStatus.Open };
        if (applied.TryGetValue(item.Id, out var done))
            return item with { Resolved = true, Correction = item.Correction ?? string.Join("; ", done) };
        return item;
    }

    /// <summary>One correction through the Supervisor's doors; returns what was done, or null for nothing (already done, or a block).</summary>
    private async Task<string?> ApplyAsync(Correction correction, Dictionary<string, ExchangeOrder?> lookups, CancellationToken ct)
    {
        switch (correction)
        {
            case BookingCorrection b:
                return _supervisor.BookCorrection(b.AgentId, b.Fill, b.Origin, b.Confidence)
                    ? $"booked {b.Fill.TradeId} to agent {b.AgentId}" : null;
            case RecordOrphan r:
                var kept = _orphans.TryGetValue(r.Orphan.Id, out var existing) ? existing : (r.Orphan, (int?)null);
                _orphans[r.Orphan.Id] = kept;
                _store?.SaveOrphan(kept.Item1, kept.Item2);
                return null;
            case CancelOrder c:
                var ack = await _exchange.CancelOrderAsync(c.InstId, c.OrdId, c.ClOrdId.Length > 0 ? c.ClOrdId : null, ct);
                // Already cancelled or filled is as good; a refusal is said in the item and retried by the next run.
                return ack.Accepted || ack.Code is OkxErrorCodes.AlreadyCanceled or OkxErrorCodes.AlreadyFilled or OkxErrorCodes.OrderNotFound
                    ? $"cancelled order {c.OrdId}" : $"cancelling order {c.OrdId} was refused ({ack.Code} {ack.Message}); the next run tries again";
            case LookUpOrder l:
                await LookUpAsync(lookups, l.ClOrdId, l.InstId, ct);
                return null;
            case ResolveUnknown u:
                return _supervisor.ResolveJournal(u.ClOrdId, u.Order) ? $"order {u.ClOrdId} settled as {u.Order?.State.ToString() ?? "never placed"}" : null;
            case RepairRecord repair:
                return _supervisor.RepairRecord(repair.Winner, repair.Target == LedgerSide.Public)
                    ? $"trade {repair.Winner.TradeId} repaired in the {repair.Target.ToString().ToLowerInvariant()} ledger" : null;
            case PlaceOrder p:
                var placed = await _supervisor.PlaceOutsideOrderAsync(p.Request, ct);
                return placed.Accepted || placed.Code == OkxErrorCodes.DuplicateClOrdId
                    ? $"placed {p.Request.Side.ToString().ToLowerInvariant()} {p.Request.Size} {p.Request.InstId} {p.Request.PosSide.ToString().ToLowerInvariant()}"
                    : throw new InvalidOperationException($"placing {p.Request.ClOrdId} failed: {placed.Code} {placed.Message}");
            case Block:
                return null; // waits for a person: DecideAsync
            default:
                throw new InvalidOperationException($"No way to apply a {correction.GetType().Name}.");
        }
    }
}
