using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Recovery;

/// <summary>
/// Public against private ledgers record by record, and every booked trade against the exchange's fills, each
/// exactly once. Pure: data in, verdict out.
/// </summary>
public static class LedgerVerification
{
    public static LedgerVerdict Verify(PublicLedger ledger, IReadOnlyCollection<ExchangeFill>? exchangeFills)
    {
        var privateRecords = ledger.PrivateLedgers.Values.SelectMany(p => p.History).ToList();
        var publicIds = ledger.Records.Select(r => r.TradeId).ToHashSet();
        var privateById = privateRecords.GroupBy(r => r.TradeId).ToDictionary(g => g.Key, g => g.ToList());
        var mismatched = ledger.Records.Count(r => !privateById.TryGetValue(r.TradeId, out var twins) || twins.Count != 1 || twins[0] != r)
            + privateRecords.Count(r => !publicIds.Contains(r.TradeId));

        var duplicates = ledger.Records.GroupBy(r => (r.InstId, r.ExchangeTradeId)).Count(g => g.Count() > 1);
        var missing = 0;
        if (exchangeFills is not null)
        {
            var fills = exchangeFills.Select(f => (f.InstId, f.TradeId)).ToHashSet();
            // An outside close (a liquidation) shared among agents is booked under "{tradeId}-{agentId}"; a correction
            // no fill stands behind (reconciliation's "rc-" ids) has no exchange fill to match.
            missing += ledger.Records.Count(r => !Reconciliation.ReconciliationIds.IsSynthetic(r.ExchangeTradeId) && !fills.Contains((r.InstId, BaseTradeId(r))));
            var booked = ledger.Records.Select(r => (r.InstId, BaseTradeId(r))).ToHashSet();
            missing += exchangeFills.Count(f => f.ClOrdId.Length > 0 && Supervision.ClOrdIds.AgentOf(f.ClOrdId) is not null && !booked.Contains((f.InstId, f.TradeId)));
        }
        return new LedgerVerdict(
            Consistent: mismatched == 0 && duplicates == 0 && missing == 0,
            PublicRecords: ledger.Records.Count,
            PrivateRecords: privateRecords.Count,
            ExchangeFills: exchangeFills?.Count,
            Mismatched: mismatched,
            Duplicates: duplicates,
            Missing: missing);
    }

    private static string BaseTradeId(TradeRecord r) => Reconciliation.ReconciliationIds.BaseTradeId(r);
}

/// <summary>The answer of <c>GET /api/ledger/verify</c>.</summary>
public sealed record LedgerVerdict(bool Consistent, int PublicRecords, int PrivateRecords, int? ExchangeFills, int Mismatched, int Duplicates, int Missing);
