using System.Data.Common;
using Prometheus.Engine.Persistence.Rows;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// A few numbers, read in one cheap statement (each an index lookup or a short range), that change whenever the engine
/// saves anything <see cref="StoreReader.Load"/> reads: so a reader that only wants to know whether the latest save
/// changed (the read-only dashboard, every few seconds) need not load it. What Load reads, and what changes it:
/// - the newest snapshot (<see cref="SnapshotVersion"/>, <see cref="SnapshotRecordedAtMs"/>): a snapshot, a seed;
/// - the events after it (<see cref="EventsAfterSnapshot"/>, <see cref="EventVersion"/>): every journal entry, booking,
///   funding share, birth, death, pause or resume and checkpoint writes one. Rows are only inserted there (a prune
///   deletes only events the newest snapshot already holds), so their count changes with each insert, including a
///   checkpoint the background writer commits after a newer booking (whose version it does not raise);
/// - the trade and funding rows (<see cref="TradeId"/>, <see cref="FundingId"/>): written with their event, or by a seed;
///   and <see cref="TradesRepaired"/> for reconciliation's one in-place change, a trade record repaired, which writes
///   no event.
/// <see cref="CheckpointVersion"/> rises with every checkpoint too. The wall-clock time of the newest snapshot tells a
/// store started afresh in the same place from the one it replaced.
/// </summary>
public readonly record struct StoreFingerprint(
    long SnapshotVersion,
    long SnapshotRecordedAtMs,
    long EventVersion,
    long EventsAfterSnapshot,
    long CheckpointVersion,
    long TradeId,
    long FundingId,
    long TradesRepaired)
{
    /// <summary>Whether anything was ever saved: a committed snapshot (a fresh start writes its first one before trading).</summary>
    public bool HasSavedState => SnapshotVersion > 0;

    // One statement, so one consistent view on either provider (unquoted names: PostgreSQL's are lower-case).
    private const string Sql = $"""
        SELECT
            (SELECT coalesce(max(Version), 0) FROM Snapshots),
            (SELECT coalesce(max(RecordedAtMs), 0) FROM Snapshots WHERE Version = (SELECT max(Version) FROM Snapshots)),
            (SELECT coalesce(max(Version), 0) FROM Events),
            (SELECT count(*) FROM Events WHERE Version > (SELECT coalesce(max(Version), 0) FROM Snapshots)),
            (SELECT coalesce(max(Version), 0) FROM Checkpoints),
            (SELECT coalesce(max(TradeId), 0) FROM Trades),
            (SELECT coalesce(max(FundingId), 0) FROM Funding),
            (SELECT coalesce(max(Value), 0) FROM Counters WHERE Name = '{CounterRow.TradesRepaired}')
        """;

    internal static StoreFingerprint Read(DbConnection connection) =>
        StoreSql.Read(connection, Sql, r => new StoreFingerprint(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
            r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)))[0];
}
