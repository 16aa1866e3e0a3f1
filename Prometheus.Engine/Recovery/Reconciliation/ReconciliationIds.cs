using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Deterministic ids. Item ids name what was found, so the same finding has the same id on every run (a rerun knows
/// it). Booking ids derive from the exchange trade id ("{tradeId}-{agentId}" for an agent's part of an outside close,
/// as the Supervisor books liquidations), or, for corrections no fill stands behind, start with "rc-" and carry the
/// books' version (the last trade id booked), so the same correction is the same booking and a later one is not.
/// </summary>
public static class ReconciliationIds
{
    /// <summary>Prefix of booking ids the reconciler makes up (no exchange fill has them).</summary>
    public const string SyntheticPrefix = "rc-";

    /// <summary>The exchange trade id a booked record stands for: its own, or the fill an outside-close part ("-agent") came from.</summary>
    public static string BaseTradeId(TradeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.ExchangeTradeId;
        return record.Origin is TradeOrigin.Liquidation or TradeOrigin.Outside && !IsSynthetic(id) && id.LastIndexOf('-') is > 0 and var dash
            ? id[..dash]
            : id;
    }

    public static bool IsSynthetic(string exchangeTradeId) => exchangeTradeId.StartsWith(SyntheticPrefix, StringComparison.Ordinal);

    /// <summary>True for the clOrdIds of orders a person's choice placed (see <see cref="OrderClOrdId"/>).</summary>
    public static bool IsReconciliationOrder(string? clOrdId) =>
        clOrdId is { Length: 18 } && clOrdId.StartsWith("rc", StringComparison.Ordinal) && clOrdId.AsSpan(2).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>A clOrdId for an order a block choice places: "rc" + 16 hex digits of a hash (alphanumeric, never an agent's "p…x…").</summary>
    public static string OrderClOrdId(string seed) =>
        "rc" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0, 8);

    /// <summary>The clOrdId of the market order that closes orphan <paramref name="orphanId"/>'s exposure.</summary>
    public static string OrphanCloseClOrdId(string orphanId) => OrderClOrdId($"{orphanId}|close");

    internal static string Part(string tradeId, int agentId) => string.Concat(tradeId, "-", agentId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A decimal without trailing zeros, so 1.0 and 1.00 give the same id.</summary>
    internal static string Num(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    internal static string Side(PositionSide side) => side == PositionSide.Long ? "long" : "short";

    internal static string Key(PositionKey key) => $"{key.InstId}:{Side(key.PosSide)}";
}
