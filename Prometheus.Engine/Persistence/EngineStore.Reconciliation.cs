using Microsoft.EntityFrameworkCore;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Reconciliation's writes: orphans and what a person decided about them, findings by id, a repaired trade record. They
/// are rare and must be durable before the engine goes on, so each is one EF Core unit of work on the loop's connection,
/// saved in one transaction (the write gate held, as for every write transaction of the store).
/// </summary>
public sealed partial class EngineStore
{
    public void SaveOrphan(OrphanRecord orphan, int? adoptedBy) => Save(_loop, db =>
    {
        var row = db.Orphans.Find(orphan.Id);
        if (row is null)
            db.Orphans.Add(new OrphanRow
            {
                Id = orphan.Id, InstId = orphan.InstId, PosSide = orphan.PosSide.ToString(), Delta = orphan.Delta, Price = orphan.Price, Fee = orphan.Fee,
                TradeId = orphan.TradeId, OrdId = orphan.OrdId, ClOrdId = orphan.ClOrdId, TimestampMs = orphan.TimestampMs, Reason = orphan.Reason,
                Status = orphan.Status.ToString(), AgentId = adoptedBy, UpdatedAtMs = NowMs,
            });
        else
            (row.Status, row.AgentId, row.UpdatedAtMs) = (orphan.Status.ToString(), adoptedBy, NowMs);
    });

    /// <summary>
    /// Records findings (new ones inserted, known ones touched), in one transaction; with <paramref name="auditActor"/>,
    /// each is also written to the audit log in that transaction, so no finding is recorded without its audit entry.
    /// </summary>
    public void SaveItems(IEnumerable<ReconciliationItem> items, IReadOnlySet<string> blocking, string? auditActor = null)
    {
        var list = items.ToList();
        if (list.Count == 0) return;
        var now = NowMs;
        Save(_loop, db =>
        {
            var ids = list.Select(i => i.Id).Distinct().ToList();
            var known = db.ReconciliationItems.Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var item in list)
            {
                if (!known.TryGetValue(item.Id, out var row))
                {
                    row = new ReconciliationItemRow { Id = item.Id, Kind = item.Kind, Case = item.Case, FirstSeenAtMs = now };
                    db.ReconciliationItems.Add(row);
                    known[item.Id] = row;
                }
                (row.Item, row.Resolved, row.Blocking, row.LastSeenAtMs) = (EngineJson.Serialize(item), item.Resolved, blocking.Contains(item.Id), now);
                if (auditActor is not null)
                    db.AuditLog.Add(new AuditRow
                    {
                        RecordedAtMs = now, Actor = auditActor, Action = item.Kind,
                        Detail = $"{item.Id}: {item.Detail}{(item.Correction is { } c ? $" -> {c}" : "")}",
                    });
            }
        });
    }

    /// <summary>Sets a named counter (unlike the clOrdId sequence, it may go back).</summary>
    public void SetCounter(string name, long value) => Save(_loop, db =>
    {
        if (db.Counters.Find(name) is { } counter) counter.Value = value;
        else db.Counters.Add(new CounterRow { Name = name, Value = value });
    });

    /// <summary>
    /// A trade record repaired by reconciliation: its row takes the winner's values. It writes no event, so a counter is
    /// raised in the same transaction: a reader watching the store's <see cref="StoreFingerprint"/> sees the change.
    /// </summary>
    public void Repaired(TradeRecord r) => Save(_loop, db =>
    {
        if (db.Trades.Find(r.TradeId) is { } row)
        {
            (row.AgentId, row.InstId, row.Side, row.PosSide, row.Amount, row.Price, row.Fee) =
                (r.AgentId, r.InstId, r.Side.ToWire(), r.PosSide.ToString(), r.Amount, r.Price, r.Fee);
            (row.OrdId, row.ClOrdId, row.ExchangeTradeId, row.TimestampMs, row.Confidence, row.RealizedPnl, row.Origin) =
                (r.OrdId, r.ClOrdId, r.ExchangeTradeId, r.TimestampMs, r.Confidence, r.RealizedPnl, r.Origin.ToString());
        }
        if (db.Counters.Find(CounterRow.TradesRepaired) is { } counter) counter.Value++;
        else db.Counters.Add(new CounterRow { Name = CounterRow.TradesRepaired, Value = 1 });
    });

    /// <summary>
    /// One EF Core unit of work on <paramref name="connection"/> (the loop's or the background writer's): the changes
    /// <paramref name="change"/> makes, saved in one transaction, with the write gate held as every write transaction holds it.
    /// </summary>
    private void Save(System.Data.Common.DbConnection connection, Action<EngineDbContext> change)
    {
        using var gate = _writeGate.EnterScope();
        using var db = Location.CreateContext(connection);
        change(db);
        db.SaveChanges();
    }
}
