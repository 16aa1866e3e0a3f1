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
    public static List<(int AgentId, decimal Size)> Allocate(IReadOnlyList<(int AgentId, decimal Amount)> holders, decimal size, Instrument instrument) =>
        Allocate([.. holders.Select(h => (h.AgentId, h.Amount, h.Amount))], size, instrument);

    /// <summary>
    /// Shares by <c>Weight</c> (what each held when the close happened), none above <c>Limit</c> (what its books can
    /// still give). What no holder can take is left over for the caller (it becomes orphan exposure).
    /// </summary>
    /// <returns>Parts above zero, in holder order; they add up to at most min(size, Σ weights).</returns>
    public static List<(int AgentId, decimal Size)> Allocate(IReadOnlyList<(int AgentId, decimal Weight, decimal Limit)> holders, decimal size,
        Instrument instrument)
    {
        var total = 0m;
        foreach (var h in holders) total += h.Weight;
        if (total <= 0m || size <= 0m)
            return [];
        var parts = new decimal[holders.Count];
        var allocated = 0m;
        for (var i = 0; i < holders.Count; i++)
        {
            var (_, weight, limit) = holders[i];
            var most = Math.Max(0m, Math.Min(weight, limit));
            parts[i] = size >= total ? most : Math.Min(most, instrument.RoundDownToLot(size * weight / total));
            allocated += parts[i];
        }
        var remainder = Math.Min(size, total) - allocated;
        for (var i = holders.Count - 1; i >= 0 && remainder > 0m; i--)
        {
            var add = Math.Min(remainder, Math.Max(0m, Math.Min(holders[i].Weight, holders[i].Limit)) - parts[i]);
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
