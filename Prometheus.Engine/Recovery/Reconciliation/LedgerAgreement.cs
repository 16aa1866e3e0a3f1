using Prometheus.Engine.Ledger;
using static Prometheus.Engine.Recovery.Reconciliation.ReconciliationIds;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Case C: the public ledger against the private ledgers, record by record (by ledger trade id). They are written in
/// one transaction, so a difference means one side lost or garbled a write: the newer record wins (a record present
/// on one side only is newer than nothing; equal timestamps: the public ledger, the book of record), and the loser
/// side is repaired. The rest of the reconciliation works on the agreed records.
/// </summary>
internal static class LedgerAgreement
{
    public static IReadOnlyList<TradeRecord> Check(LedgerFacts ledger, Findings findings)
    {
        if (ledger.PrivateRecords is null)
            return ledger.Trades;
        var publicById = First(ledger.Trades);
        var privateById = First(ledger.PrivateRecords);
        var agreed = new List<TradeRecord>(publicById.Count);
        foreach (var tradeId in publicById.Keys.Union(privateById.Keys).Order())
        {
            var p = publicById.GetValueOrDefault(tradeId);
            var q = privateById.GetValueOrDefault(tradeId);
            if (p is not null && p == q)
            {
                agreed.Add(p);
                continue;
            }
            var (winner, target, detail) = (p, q) switch
            {
                (null, { } only) => (only, LedgerSide.Public, "is in the private ledger only"),
                ({ } only, null) => (only, LedgerSide.Private, "is in the public ledger only"),
                _ => q!.TimestampMs > p!.TimestampMs
                    ? (q, LedgerSide.Public, $"differs: public {Describe(p)}, private {Describe(q)}; the private one is newer")
                    : (p, LedgerSide.Private, $"differs: public {Describe(p)}, private {Describe(q)}; the public one is newer or as new"),
            };
            agreed.Add(winner);
            var id = $"ledger-mismatch:{tradeId}";
            findings.Add(new ReconciliationItem(id, K.LedgerMismatch, K.CaseC, winner.AgentId, winner.InstId, winner.PosSide,
                    $"trade {tradeId} of agent {winner.AgentId} {detail}",
                    $"the newer wins: the {(target == LedgerSide.Public ? "private" : "public")} record is written to the {target.ToString().ToLowerInvariant()} ledger, audited", true),
                corrections: new RepairRecord(id, winner, target));
        }
        return agreed;
    }

    private static Dictionary<long, TradeRecord> First(IEnumerable<TradeRecord> records)
    {
        var map = new Dictionary<long, TradeRecord>();
        foreach (var record in records) map.TryAdd(record.TradeId, record);
        return map;
    }

    private static string Describe(TradeRecord r) =>
        $"({r.Side.ToWire()} {Num(r.Amount)} at {Num(r.Price)}, fee {Num(r.Fee)}, exchange trade {r.ExchangeTradeId}, at {r.TimestampMs})";
}
