using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>
/// One agent's share of one funding settlement on a swap: a ledger record of its own kind beside the trades,
/// booked by the Supervisor into the public and the agent's private ledger in one step. <see cref="Paid"/> is what
/// the agent paid (negative when it received). Unique by (instrument, funding time, position side, agent):
/// booking the same settlement twice changes nothing. <see cref="PositionAmount"/> is the agent's position the
/// share was taken by; <see cref="BillId"/> the exchange's bill it came from.
/// </summary>
public sealed record FundingRecord(
    long FundingId,
    int AgentId,
    string InstId,
    PositionSide PosSide,
    long FundingTimeMs,
    decimal PositionAmount,
    decimal Rate,
    decimal MarkPrice,
    decimal Paid,
    string BillId)
{
    /// <summary>The idempotency key: one record per (instrument, funding time, position side, agent).</summary>
    public string Key => FundingKey(InstId, FundingTimeMs, PosSide, AgentId);

    public static string FundingKey(string instId, long fundingTimeMs, PositionSide posSide, int agentId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{instId}/{fundingTimeMs}/{posSide}/{agentId}");
}
