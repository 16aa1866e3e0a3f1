using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Recovery;

/// <summary>
/// Public against private ledgers record by record (trades and funding records alike), and every booked trade against
/// the exchange's fills, each exactly once. Pure: data in, verdict out.
/// </summary>
public static class LedgerVerification
{
    public static LedgerVerdict Verify(PublicLedger ledger, IReadOnlyCollection<ExchangeFill>? exchangeFills)
    {
        var records = ledger.Records;
        // Public records are in trade id order; usually dense (1..N), so a record is found by its position.
        var first = records.Count > 0 ? records[0].TradeId : 0;
        var dense = records.Count == 0 || records[^1].TradeId - first == records.Count - 1;
        var byId = dense ? null : records.Select((r, i) => (r.TradeId, i)).ToDictionary(x => x.TradeId, x => x.i);
        var twins = new int[records.Count];
        var privateRecords = 0;
        var mismatched = 0;
        foreach (var book in ledger.PrivateLedgers.Values)
        {
            foreach (var r in book.History)
            {
                privateRecords++;
                var at = dense ? (r.TradeId - first is var d && d >= 0 && d < records.Count ? (int)d : -1) : byId!.GetValueOrDefault(r.TradeId, -1);
                if (at < 0 || r.AgentId != book.AgentId || (!ReferenceEquals(r, records[at]) && r != records[at]))
                {
                    mismatched++;
                    continue;
                }
                twins[at]++;
            }
        }
        foreach (var count in twins)
            if (count != 1) mismatched++;

        var keys = new HashSet<(string InstId, string TradeId)>(records.Count);
        var repeated = new HashSet<(string, string)>();
        foreach (var r in records)
            if (!keys.Add((r.InstId, r.ExchangeTradeId))) repeated.Add((r.InstId, r.ExchangeTradeId));

        var funding = VerifyFunding(ledger);

        var missing = 0;
        if (exchangeFills is not null)
        {
            var fills = new HashSet<(string, string)>(exchangeFills.Count);
            foreach (var f in exchangeFills) fills.Add((f.InstId, f.TradeId));
            var booked = new HashSet<(string, string)>(records.Count);
            foreach (var r in records)
            {
                var key = (r.InstId, BaseTradeId(r));
                booked.Add(key);
                // A correction no fill stands behind (reconciliation's "rc-" ids) has no exchange fill to match.
                if (!fills.Contains(key) && !Reconciliation.ReconciliationIds.IsSynthetic(r.ExchangeTradeId)) missing++;
            }
            foreach (var f in exchangeFills)
                if (f.ClOrdId.Length > 0 && Supervision.ClOrdIds.AgentOf(f.ClOrdId) is not null && !booked.Contains((f.InstId, f.TradeId)))
                    missing++;
        }
        mismatched += funding.Mismatched;
        var duplicates = repeated.Count + funding.Duplicates;
        return new LedgerVerdict(
            Consistent: mismatched == 0 && duplicates == 0 && missing == 0,
            PublicRecords: records.Count,
            PrivateRecords: privateRecords,
            ExchangeFills: exchangeFills?.Count,
            Mismatched: mismatched,
            Duplicates: duplicates,
            Missing: missing,
            FundingRecords: ledger.Funding.Count,
            PrivateFundingRecords: funding.PrivateRecords);
    }

    /// <summary>
    /// Funding records as trades: each public record has exactly one equal twin in its agent's private ledger, and
    /// each private one is in the public ledger; a share (instrument, funding time, side, agent) is booked once; and a
    /// private ledger's saved FundingPaid is the sum of its records (a ledger restored without a record it counted differs).
    /// </summary>
    private static (int PrivateRecords, int Mismatched, int Duplicates) VerifyFunding(PublicLedger ledger)
    {
        var records = ledger.Funding;
        var at = new Dictionary<long, int>(records.Count);
        var mismatched = 0;
        for (var i = 0; i < records.Count; i++)
            if (!at.TryAdd(records[i].FundingId, i)) mismatched++;
        var twins = new int[records.Count];
        var privateRecords = 0;
        foreach (var book in ledger.PrivateLedgers.Values)
        {
            var paid = 0m;
            foreach (var f in book.Funding)
            {
                privateRecords++;
                paid += f.Paid;
                if (!at.TryGetValue(f.FundingId, out var i) || f.AgentId != book.AgentId || (!ReferenceEquals(f, records[i]) && f != records[i]))
                {
                    mismatched++;
                    continue;
                }
                twins[i]++;
            }
            if (paid != book.FundingPaid) mismatched++;
        }
        foreach (var count in twins)
            if (count != 1) mismatched++;

        var keys = new HashSet<string>(records.Count, StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in records)
            if (!keys.Add(f.Key)) repeated.Add(f.Key);
        return (privateRecords, mismatched, repeated.Count);
    }

    // An outside close (a liquidation) shared among agents is booked under "{tradeId}-{agentId}".
    private static string BaseTradeId(TradeRecord r) => Reconciliation.ReconciliationIds.BaseTradeId(r);
}

/// <summary>
/// The answer of <c>GET /api/ledger/verify</c>. <see cref="Mismatched"/> and <see cref="Duplicates"/> count trades and
/// funding records together; <see cref="FundingRecords"/> and <see cref="PrivateFundingRecords"/> are the funding
/// records in the public and in the private ledgers.
/// </summary>
public sealed record LedgerVerdict(bool Consistent, int PublicRecords, int PrivateRecords, int? ExchangeFills, int Mismatched, int Duplicates, int Missing,
    int FundingRecords = 0, int PrivateFundingRecords = 0);
