using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Reads the store: the state at the latest save or at a past moment (newest usable snapshot + the events after it),
/// the trade and funding records, the current-state tables, the logs. EF Core queries over the store's model, on a
/// read-only context of its own holding one connection, so it may be used beside a running engine (WAL readers see the
/// last commit). The trade records alone come through <see cref="TradeRowReader"/>: a restore reads millions of them.
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

    private readonly EngineDbContext _db;
    private readonly StoreLocation _location;
    private readonly string _dataDir;

    private StoreReader(StoreLocation location, EngineDbContext db)
    {
        _location = location;
        _dataDir = location.DataDir;
        _db = db;
    }

    /// <summary>Opens the store at <paramref name="location"/> (a data dir alone: SQLite) read-only; it must exist.</summary>
    /// <exception cref="EngineStoreException">There is no store there, or it cannot be read.</exception>
    public static StoreReader Open(StoreLocation location)
    {
        if (!location.Exists)
            throw new EngineStoreException($"There is no saved state in {location.DataDir} (no {EngineStore.FileName}).");
        var db = location.CreateContext(readOnly: true);
        try
        {
            db.Database.OpenConnection(); // held until disposed: one connection for every read, and a bad store fails here
            return new StoreReader(location, db);
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException)
        {
            db.Dispose();
            throw new EngineStoreException($"The database {location.Describe()} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Whether anything was ever saved: a committed snapshot (a fresh start writes its first one before trading).</summary>
    public bool HasSavedState => _db.Snapshots.Any();

    /// <summary>What changes with every save <see cref="Load"/> would read: equal twice, the latest save is the same.</summary>
    public StoreFingerprint Fingerprint() => StoreFingerprint.Read(_db.Database.GetDbConnection());

    /// <summary>
    /// The engine at its last save, or as it was at <paramref name="atWallMs"/> (what a crash at that moment would have
    /// left): the newest snapshot at or before it whose file is whole, then every event committed after it (up to then).
    /// </summary>
    /// <exception cref="EngineStoreException">No snapshot is usable (each one tried is named with its problem).</exception>
    public LoadedState Load(long? atWallMs = null)
    {
        var until = atWallMs ?? long.MaxValue;
        var candidates = _db.Snapshots.Where(s => s.RecordedAtMs <= until).OrderByDescending(s => s.Version)
            .Select(s => new { s.Version, s.File, s.Sha256, s.RecordedAtMs }).ToList();
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
                snapshot = SnapshotFiles.Read(_dataDir, candidate.File, candidate.Sha256);
            }
            catch (CorruptSnapshotException e)
            {
                skipped.Add(new SkippedSnapshot(candidate.File, e.Reason));
                continue;
            }
            var events = Events(candidate.Version, until);
            var state = EngineReplay.Apply(snapshot, events);
            var records = Trades(atWallMs);
            var funding = Funding(atWallMs);
            var version = events.Count > 0 ? events[^1].Version : candidate.Version;
            var lastSave = Math.Max(candidate.RecordedAtMs, events.Count > 0 ? events.Max(e => e.RecordedAtMs) : 0);
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
    public long? WallTimeAtMarket(long marketMs)
    {
        long?[] saves =
        [
            _db.Snapshots.Where(s => s.TakenAtMs <= marketMs).Max(s => (long?)s.RecordedAtMs),
            _db.Checkpoints.Where(c => c.TakenAtMs <= marketMs).Max(c => (long?)c.RecordedAtMs),
            _db.Trades.Where(t => t.TimestampMs <= marketMs).Max(t => (long?)t.RecordedAtMs),
        ];
        return saves.Max();
    }

    /// <summary>Every trade record in booking order, or those committed by <paramref name="atWallMs"/>.</summary>
    public List<TradeRecord> Trades(long? atWallMs = null) => TradeRowReader.ReadAll(_location, atWallMs ?? long.MaxValue);

    /// <summary>Every funding record in booking order, or those committed by <paramref name="atWallMs"/>.</summary>
    public List<FundingRecord> Funding(long? atWallMs = null)
    {
        var until = atWallMs ?? long.MaxValue;
        return _db.Funding.Where(f => f.RecordedAtMs <= until).OrderBy(f => f.FundingId).AsEnumerable().Select(f => f.ToRecord()).ToList();
    }

    /// <summary>The Agents table: every agent as last committed.</summary>
    public List<AgentState> Agents() =>
        [.. _db.Agents.OrderBy(a => a.Id).Select(a => a.State).AsEnumerable().Select(EngineJson.Deserialize<AgentState>)];

    /// <summary>The Ledgers table: every private ledger as last committed.</summary>
    public List<PrivateLedgerState> Ledgers() =>
        [.. _db.Ledgers.OrderBy(l => l.AgentId).Select(l => l.State).AsEnumerable().Select(EngineJson.Deserialize<PrivateLedgerState>)];

    /// <summary>Orders of the journal not yet Filled, Canceled or Rejected.</summary>
    public List<JournalEntryState> OpenOrders() =>
        [.. _db.Orders.Where(o => o.State != "Filled" && o.State != "Canceled" && o.State != "Rejected")
            .OrderBy(o => o.CreatedMs).ThenBy(o => o.ClOrdId).Select(o => o.Entry).AsEnumerable().Select(EngineJson.Deserialize<JournalEntryState>)];

    /// <summary>The newest audit entries first.</summary>
    public List<AuditRow> Audit(int skip, int take) => [.. _db.AuditLog.OrderByDescending(a => a.Id).Skip(skip).Take(take)];

    /// <summary>Every orphan with what was decided about it, and the agent that adopted it (if one did).</summary>
    public List<(OrphanRecord Orphan, int? AdoptedBy)> Orphans() =>
        [.. _db.Orphans.OrderBy(o => o.TimestampMs).ThenBy(o => o.Id).AsEnumerable().Select(o => (
            new OrphanRecord(o.Id, o.InstId, Enum.Parse<PositionSide>(o.PosSide), o.Delta, o.Price, o.Fee, o.TradeId, o.OrdId, o.ClOrdId,
                o.TimestampMs, o.Reason, Enum.Parse<OrphanStatus>(o.Status)),
            o.AgentId))];

    /// <summary>Every finding ever recorded, with whether it blocked and is resolved.</summary>
    public List<(ReconciliationItem Item, bool Blocking, bool Resolved, long FirstSeenAtMs)> ReconciliationItems() =>
        [.. _db.ReconciliationItems.OrderBy(i => i.FirstSeenAtMs).ThenBy(i => i.Id).AsEnumerable()
            .Select(i => (EngineJson.Deserialize<ReconciliationItem>(i.Item), i.Blocking, i.Resolved, i.FirstSeenAtMs))];

    /// <summary>When the last recovery report was written (the last start), or null before the first.</summary>
    public long? LastRecoveryAtMs() => _db.RecoveryLog.Max(r => (long?)r.RecordedAtMs);

    /// <summary>A named counter, or null when it was never set.</summary>
    public long? Counter(string name) => _db.Counters.Where(c => c.Name == name).Select(c => (long?)c.Value).FirstOrDefault();

    public List<SnapshotRow> Snapshots() => [.. _db.Snapshots.OrderByDescending(s => s.Version)];

    public void Dispose() => _db.Dispose();

    private List<StoredEvent> Events(long afterVersion, long until) =>
        [.. _db.Events.Where(e => e.Version > afterVersion && e.RecordedAtMs <= until).OrderBy(e => e.Version).AsEnumerable().Select(e =>
        {
            if (!PayloadTypes.TryGetValue(e.Kind, out var type))
                throw new EngineStoreException($"Event {e.Version} in {EngineStore.FileName} has an unknown kind '{e.Kind}': was it written by a newer version?");
            var payload = System.Text.Json.JsonSerializer.Deserialize(e.Payload, type, EngineJson.Options)
                ?? throw new EngineStoreException($"Event {e.Version} in {EngineStore.FileName} is empty.");
            return new StoredEvent(e.Version, e.RecordedAtMs, payload);
        })];

    private string OldestSnapshotText() =>
        _db.Snapshots.Min(s => (long?)s.RecordedAtMs) is { } ms ? $"saved {DateTimeOffset.FromUnixTimeMilliseconds(ms):u}" : "none";
}
