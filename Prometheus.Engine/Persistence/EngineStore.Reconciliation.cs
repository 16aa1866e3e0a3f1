using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using static Prometheus.Engine.Persistence.StoreSql;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Reconciliation's writes, on the loop's connection (they are rare, and must be durable before the engine goes on):
/// orphans and what a person decided about them, findings by id, a repaired trade record.
/// </summary>
public sealed partial class EngineStore
{
    public void SaveOrphan(OrphanRecord orphan, int? adoptedBy)
    {
        object?[] values = [orphan.Id, orphan.InstId, orphan.PosSide.ToString(), Text(orphan.Delta), Text(orphan.Price), Text(orphan.Fee),
            orphan.TradeId, orphan.OrdId, orphan.ClOrdId, orphan.TimestampMs, orphan.Reason, orphan.Status.ToString(), adoptedBy, NowMs];
        using var command = Command(_loop, """
            INSERT INTO Orphans (Id, InstId, PosSide, Delta, Price, Fee, TradeId, OrdId, ClOrdId, TimestampMs, Reason, Status, AgentId, UpdatedAtMs)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
            ON CONFLICT (Id) DO UPDATE SET Status = excluded.Status, AgentId = excluded.AgentId, UpdatedAtMs = excluded.UpdatedAtMs
            """, values);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records findings (new ones inserted, known ones touched), in one transaction; with <paramref name="auditActor"/>,
    /// each is also written to the audit log in that transaction, so no finding is recorded without its audit entry.
    /// </summary>
    public void SaveItems(IEnumerable<ReconciliationItem> items, IReadOnlySet<string> blocking, string? auditActor = null)
    {
        using var gate = _writeGate.EnterScope();
        using var transaction = _loop.BeginTransaction();
        using var command = _loop.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO ReconciliationItems (Id, Kind, "case", Item, Resolved, Blocking, FirstSeenAtMs, LastSeenAtMs)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p6)
            ON CONFLICT (Id) DO UPDATE SET Item = excluded.Item, Resolved = excluded.Resolved, Blocking = excluded.Blocking,
                LastSeenAtMs = excluded.LastSeenAtMs
            """;
        var parameters = Enumerable.Range(0, 7).Select(i =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = FormattableString.Invariant($"@p{i}");
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        var now = NowMs;
        foreach (var item in items)
        {
            parameters[0].Value = item.Id;
            parameters[1].Value = item.Kind;
            parameters[2].Value = item.Case;
            parameters[3].Value = EngineJson.Serialize(item);
            parameters[4].Value = item.Resolved;
            parameters[5].Value = blocking.Contains(item.Id);
            parameters[6].Value = now;
            command.ExecuteNonQuery();
            if (auditActor is not null)
            {
                using var audit = Command(_loop, "INSERT INTO AuditLog (RecordedAtMs, Actor, Action, Detail) VALUES (@p0, @p1, @p2, @p3)",
                    now, auditActor, item.Kind, $"{item.Id}: {item.Detail}{(item.Correction is { } c ? $" -> {c}" : "")}");
                audit.Transaction = transaction;
                audit.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    /// <summary>Sets a named counter (unlike the clOrdId sequence, it may go back).</summary>
    public void SetCounter(string name, long value)
    {
        using var command = Command(_loop, "INSERT INTO Counters (Name, Value) VALUES (@p0, @p1) ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value",
            name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A trade record repaired by reconciliation: its row takes the winner's values. It writes no event, so a counter is
    /// raised in the same transaction: a reader watching the store's <see cref="StoreFingerprint"/> sees the change.
    /// </summary>
    public void Repaired(TradeRecord r)
    {
        object?[] values = [r.TradeId, r.AgentId, r.InstId, r.Side.ToWire(), r.PosSide.ToString(), Text(r.Amount), Text(r.Price), Text(r.Fee), r.OrdId,
            r.ClOrdId, r.ExchangeTradeId, r.TimestampMs, r.Confidence, Text(r.RealizedPnl), r.Origin.ToString()];
        using var gate = _writeGate.EnterScope();
        using var transaction = _loop.BeginTransaction();
        using (var command = Command(_loop, """
            UPDATE Trades SET AgentId = @p1, InstId = @p2, Side = @p3, PosSide = @p4, Amount = @p5, Price = @p6, Fee = @p7, OrdId = @p8,
                ClOrdId = @p9, ExchangeTradeId = @p10, TimestampMs = @p11, Confidence = @p12, RealizedPnl = @p13, Origin = @p14
            WHERE TradeId = @p0
            """, values))
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        using (var counter = Command(_loop, "INSERT INTO Counters (Name, Value) VALUES (@p0, 1) ON CONFLICT (Name) DO UPDATE SET Value = Counters.Value + 1",
            Rows.CounterRow.TradesRepaired))
        {
            counter.Transaction = transaction;
            counter.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
