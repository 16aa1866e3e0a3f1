using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Splits a close among the holders of a position in proportion to what each holds, as the Supervisor splits a
/// liquidation: each part rounded down to the instrument's lot, the last holder takes the remainder; unlike a plain
/// remainder, no part ever exceeds what its holder holds (what is left goes to the holders before it, last first).
/// A close of the whole position gives every holder exactly its amount.
/// </summary>
internal static class ProRata
{
    /// <returns>Parts above zero, in holder order; they add up to min(size, Σ holdings).</returns>
    public static List<(int AgentId, decimal Size)> Allocate(IReadOnlyList<(int AgentId, decimal Amount)> holders, decimal size, Instrument instrument)
    {
        var total = 0m;
        foreach (var (_, amount) in holders) total += amount;
        if (total <= 0m || size <= 0m)
            return [];
        var parts = new decimal[holders.Count];
        var allocated = 0m;
        for (var i = 0; i < holders.Count; i++)
        {
            var amount = holders[i].Amount;
            parts[i] = size >= total ? amount : Math.Min(amount, instrument.RoundDownToLot(size * amount / total));
            allocated += parts[i];
        }
        var remainder = Math.Min(size, total) - allocated;
        for (var i = holders.Count - 1; i >= 0 && remainder > 0m; i--)
        {
            var add = Math.Min(remainder, holders[i].Amount - parts[i]);
            parts[i] += add;
            remainder -= add;
        }
        var result = new List<(int, decimal)>(holders.Count);
        for (var i = 0; i < holders.Count; i++)
            if (parts[i] > 0m) result.Add((holders[i].AgentId, parts[i]));
        return result;
    }

    /// <summary>The fee share of <paramref name="part"/> of a fill, at the ledger's precision.</summary>
    public static decimal Fee(decimal fee, decimal part, decimal fillSize) =>
        fillSize == 0m ? 0m : decimal.Round(fee * part / fillSize, 12);
}
