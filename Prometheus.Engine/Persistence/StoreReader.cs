using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using static Prometheus.Engine.Persistence.StoreSql;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Reads the store: the state at the latest save or at a past moment (newest usable snapshot + the events after it),
/// the trade and funding records, the current-state tables, the logs. Works on its own read-only connection, so it may be used
/// beside a running engine (WAL readers see the last commit).
/// </summary>
public sealed class StoreReader : IDisposable
{
    private static readonly Dictionary<string, Type> PayloadTypes = new(StringComparer.Ordinal)
    {
        [EventKinds.Booked] = typeof(BookedEvent),
        [EventKinds.Funding] = typeof(FundingEvent),
        [EventKinds.Born] = typeof(BornEvent),
        [EventKinds.Died] = typeof(DiedEvent),
        [EventKinds.Journal] = typeof(JournalEvent),
        [EventKinds.Checkpoint] = typeof(CheckpointEvent),
        [EventKinds.Control] = typeof(ControlEvent),
    };

    private readonly DbConnection _connection;
    private readonly StoreLocation _location;
    private readonly string _dataDir;

    private StoreReader(StoreLocation location, DbConnection connection)
    {
        _location = location;
        _dataDir = location.DataDir;
        _connection = connection;
    }

    /// <summary>Opens the store at <paramref name="location"/> (a data dir alone: SQLite) read-only; it must exist.</summary>
    /// <exception cref="EngineStoreException">There is no store there, or it cannot be read.</exception>
    public static StoreReader Open(StoreLocation location)
    {
        if (!location.Exists)
            throw new EngineStoreException($"There is no saved state in {location.DataDir} (no {EngineStore.FileName}).");
        try
        {
            return new StoreReader(location, location.Connect(readOnly: true));
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException)
        {
            throw new EngineStoreException($"The database {location.Describe()} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Whether anything was ever saved: a committed snapshot (a fresh start writes its first one before trading).</summary>
    public bool HasSavedState => Convert.ToInt64(Scalar(_connection, "SELECT count(*) FROM Snapshots")) > 0;

    /// <summary>What changes with every save <see cref="Load"/> would read: equal twice, the latest save is the same.</summary>
    public StoreFingerprint Fingerprint() => StoreFingerprint.Read(_connection);

    /// <summary>
    /// The engine at its last save, or as it was at <paramref name="atWallMs"/> (what a crash at that moment would have
    /// left): the newest snapshot at or before it whose file is whole, then every event committed after it (up to then).
    /// </summary>
    /// <exception cref="EngineStoreException">No snapshot is usable (each one tried is named with its problem).</exception>
    public LoadedState Load(long? atWallMs = null)
    {
        var candidates = Read(_connection, """
            SELECT Version, File, Sha256, RecordedAtMs FROM Snapshots WHERE RecordedAtMs <= @p0 ORDER BY Version DESC
            """, r => (Version: r.GetInt64(0), File: r.GetString(1), Sha: r.GetString(2), At: r.GetInt64(3)), atWallMs ?? long.MaxValue);
        if (candidates.Count == 0)
            throw new EngineStoreException(atWallMs is { } at
                ? $"No snapshot was saved at or before {DateTimeOffset.FromUnixTimeMilliseconds(at):u} in {_dataDir}: point-in-time recovery reaches back to the oldest kept snapshot ({OldestSnapshotText()})."
                : $"There is no snapshot in {_dataDir}: nothing was saved.");

        var skipped = new List<SkippedSnapshot>();
        foreach (var candidate in candidates)
        {
            EngineSnapshot snapshot;
            try
            {
                snapshot = SnapshotFiles.Read(_dataDir, candidate.File, candidate.Sha);
            }
            catch (CorruptSnapshotException e)
            {
                skipped.Add(new SkippedSnapshot(candidate.File, e.Reason));
                continue;
            }
            var events = Events(candidate.Version, atWallMs);
            var state = EngineReplay.Apply(snapshot, events);
            var records = Trades(atWallMs);
            var funding = Funding(atWallMs);
            var version = events.Count > 0 ? events[^1].Version : candidate.Version;
            var lastSave = Math.Max(candidate.At, events.Count > 0 ? events.Max(e => e.RecordedAtMs) : 0);
            return new LoadedState(state, records, funding, new RecoverySnapshotUse(candidate.File, skipped, events.Count), events.Count, version, lastSave);
        }
        throw new EngineStoreException(
            $"No usable snapshot in {_dataDir}: {string.Join("; ", skipped.Select(s => $"{s.File} {s.Reason}"))}. The files were left as they are.");
    }

    /// <summary>
    /// The wall time of the last save made while the market clock stood at or before <paramref name="marketMs"/>: a
    /// snapshot, a checkpoint or a booked trade taken at that market time. <see cref="Load"/> at it gives the engine as it
    /// was when the market reached that moment (in paper mode the market replays 2023 while the wall clock says today).
    /// Null when nothing was saved that early in market time.
    /// </summary>
    public long? WallTimeAtMarket(long marketMs) =>
        StoreSql.Scalar(_connection, """
            SELECT max(At) FROM (
                SELECT max(RecordedAtMs) AS At FROM Snapshots WHERE TakenAtMs <= @p0
                UNION ALL SELECT max(RecordedAtMs) FROM Checkpoints WHERE TakenAtMs <= @p0
                UNION ALL SELECT max(RecordedAtMs) FROM Trades WHERE TimestampMs <= @p0) AS Saves
            """, marketMs) is { } at ? Convert.ToInt64(at, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Every trade record in booking order, or those committed by <paramref name="atWallMs"/>.</summary>
    public List<TradeRecord> Trades(long? atWallMs = null) => TradeRowReader.ReadAll(_location, atWallMs ?? long.MaxValue);

    /// <summary>Every funding record in booking order, or those committed by <paramref name="atWallMs"/>.</summary>
    public List<FundingRecord> Funding(long? atWallMs = null) =>
        Read(_connection, """
            SELECT FundingId, AgentId, InstId, PosSide, FundingTimeMs, PositionAmount, Rate, MarkPrice, Paid, BillId
            FROM Funding WHERE RecordedAtMs <= @p0 ORDER BY FundingId
            """, r => new FundingRecord(r.GetInt64(0), r.GetInt32(1), Intern(r.GetString(2)), Enum.Parse<PositionSide>(r.GetString(3)), r.GetInt64(4),
                Money(r, 5), Money(r, 6), Money(r, 7), Money(r, 8), r.GetString(9)), atWallMs ?? long.MaxValue);

    /// <summary>The Agents table: every agent as last committed.</summary>
    public List<AgentState> Agents() =>
        Read(_connection, "SELECT State FROM Agents ORDER BY Id", r => EngineJson.Deserialize<AgentState>(r.GetString(0)));

    /// <summary>The Ledgers table: every private ledger as last committed.</summary>
    public List<PrivateLedgerState> Ledgers() =>
        Read(_connection, "SELECT State FROM Ledgers ORDER BY AgentId", r => EngineJson.Deserialize<PrivateLedgerState>(r.GetString(0)));

    /// <summary>Orders of the journal not yet Filled, Canceled or Rejected.</summary>
    public List<JournalEntryState> OpenOrders() =>
        Read(_connection, "SELECT Entry FROM Orders WHERE State NOT IN ('Filled', 'Canceled', 'Rejected') ORDER BY CreatedMs, ClOrdId",
            r => EngineJson.Deserialize<JournalEntryState>(r.GetString(0)));

    /// <summary>The newest audit entries first.</summary>
    public List<AuditRow> Audit(int skip, int take) =>
        Read(_connection, "SELECT Id, RecordedAtMs, Actor, Action, Detail FROM AuditLog ORDER BY Id DESC LIMIT @p0 OFFSET @p1",
            r => new AuditRow { Id = r.GetInt64(0), RecordedAtMs = r.GetInt64(1), Actor = r.GetString(2), Action = r.GetString(3), Detail = r.GetString(4) },
            take, skip);

    /// <summary>Every orphan with what was decided about it, and the agent that adopted it (if one did).</summary>
    public List<(OrphanRecord Orphan, int? AdoptedBy)> Orphans() =>
        Read(_connection, """
            SELECT Id, InstId, PosSide, Delta, Price, Fee, TradeId, OrdId, ClOrdId, TimestampMs, Reason, Status, AgentId FROM Orphans ORDER BY TimestampMs, Id
            """, r => (new OrphanRecord(r.GetString(0), r.GetString(1), Enum.Parse<PositionSide>(r.GetString(2)), Money(r, 3), Money(r, 4), Money(r, 5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetString(8), r.GetInt64(9), r.GetString(10), Enum.Parse<OrphanStatus>(r.GetString(11))),
                r.IsDBNull(12) ? (int?)null : r.GetInt32(12)));

    /// <summary>Every finding ever recorded, with whether it blocked and is resolved.</summary>
    public List<(ReconciliationItem Item, bool Blocking, bool Resolved, long FirstSeenAtMs)> ReconciliationItems() =>
        Read(_connection, "SELECT Item, Blocking, Resolved, FirstSeenAtMs FROM ReconciliationItems ORDER BY FirstSeenAtMs, Id",
            r => (EngineJson.Deserialize<ReconciliationItem>(r.GetString(0)), r.GetBoolean(1), r.GetBoolean(2), r.GetInt64(3)));

    /// <summary>When the last recovery report was written (the last start), or null before the first.</summary>
    public long? LastRecoveryAtMs() => Scalar(_connection, "SELECT max(RecordedAtMs) FROM RecoveryLog") as long?;

    /// <summary>A named counter, or null when it was never set.</summary>
    public long? Counter(string name) =>
        Read(_connection, "SELECT Value FROM Counters WHERE Name = @p0", r => (long?)r.GetInt64(0), name).FirstOrDefault();

    public List<SnapshotRow> Snapshots() =>
        Read(_connection, "SELECT Version, File, Sha256, Bytes, TakenAtMs, RecordedAtMs, Cycle, LastTradeId FROM Snapshots ORDER BY Version DESC",
            r => new SnapshotRow
            {
                Version = r.GetInt64(0), File = r.GetString(1), Sha256 = r.GetString(2), Bytes = r.GetInt64(3),
                TakenAtMs = r.GetInt64(4), RecordedAtMs = r.GetInt64(5), Cycle = r.GetInt64(6), LastTradeId = r.GetInt64(7),
            });

    public void Dispose() => _connection.Dispose();

    private List<StoredEvent> Events(long afterVersion, long? atWallMs) =>
        Read(_connection, "SELECT Version, RecordedAtMs, Kind, Payload FROM Events WHERE Version > @p0 AND RecordedAtMs <= @p1 ORDER BY Version",
            r =>
            {
                var kind = r.GetString(2);
                if (!PayloadTypes.TryGetValue(kind, out var type))
                    throw new EngineStoreException($"Event {r.GetInt64(0)} in {EngineStore.FileName} has an unknown kind '{kind}': was it written by a newer version?");
                var payload = System.Text.Json.JsonSerializer.Deserialize(r.GetString(3), type, EngineJson.Options)
                    ?? throw new EngineStoreException($"Event {r.GetInt64(0)} in {EngineStore.FileName} is empty.");
                return new StoredEvent(r.GetInt64(0), r.GetInt64(1), payload);
            }, afterVersion, atWallMs ?? long.MaxValue);

    private string OldestSnapshotText()
    {
        var oldest = Scalar(_connection, "SELECT min(RecordedAtMs) FROM Snapshots");
        return oldest is long ms ? $"saved {DateTimeOffset.FromUnixTimeMilliseconds(ms):u}" : "none";
    }

    private static string Intern(string instId) => Symbols.Intern(instId);
}
