using Prometheus.Engine.Market;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Startup;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Times the store's real paths in a temporary data dir (on SQLite, or with <c>postgresServer</c> in a temporary database on
/// that PostgreSQL server, created and dropped here; never the engine's own): a durable booking (trade row, ledger, agent and event in one
/// synchronous=FULL transaction), a checkpoint of every agent (captured, handed to the background writer, flushed),
/// and a restore (newest snapshot + journal, every trade record, the Supervisor rebuilt, the ledgers verified).
/// </summary>
public static class PersistenceBench
{
    /// <summary>The symbol the synthetic records are on (the default swap).</summary>
    private static readonly string BenchSymbol = new EngineOptions().Traded.First(i => i.Kind == InstrumentKind.Swap).InstId;

    public static (BenchBooking Booking, BenchCheckpoint Checkpoint, BenchRestore Restore) Run(EngineOptions options, int agents = 100,
        int bookings = 2_000, int checkpoints = 100, int records = 1_000_000, CancellationToken ct = default, string? postgresServer = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "prometheus-bench", Guid.NewGuid().ToString("N"));
        using var database = postgresServer is null ? null : new BenchDatabase(postgresServer);
        var location = database is null ? new StoreLocation(dir) : new StoreLocation(dir, StoreProvider.Postgres, database.ConnectionString);
        try
        {
            var supervisor = NewPopulation(options, agents);
            BenchBooking booking;
            BenchCheckpoint checkpoint;
            using (var store = EngineStore.Open(location, TimeProvider.System, new PersistenceOptions()))
            {
                store.Seed(supervisor.CaptureSnapshot(), []);
                booking = TimeBookings(store, supervisor, bookings, ct);
                checkpoint = TimeCheckpoints(store, supervisor, checkpoints, ct);
            }
            var restore = TimeRestore(location, options, supervisor, records, ct);
            var efCore = TimeEfCoreBookings(location, supervisor, bookings, firstTradeId: records + 1, ct);
            var efCoreCheckpoint = TimeEfCoreCheckpoints(location, supervisor, checkpoints, ct);
            return (booking with { EfCoreP50Ms = efCore.P50Ms, EfCoreP99Ms = efCore.P99Ms }, checkpoint with
            {
                EfCoreP50Ms = efCoreCheckpoint.P50Ms, EfCoreP99Ms = efCoreCheckpoint.P99Ms,
            }, restore);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A database of the bench's own on a PostgreSQL server, dropped when done (the user needs CREATEDB).</summary>
    private sealed class BenchDatabase : IDisposable
    {
        private readonly string _server;
        private readonly string _name = "prometheus_bench_" + Guid.NewGuid().ToString("N");

        public BenchDatabase(string server)
        {
            _server = server;
            Admin($"CREATE DATABASE {_name}");
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
        }

        public string ConnectionString { get; }

        public void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            Admin($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }

        private void Admin(string sql)
        {
            using var connection = new NpgsqlConnection(_server);
            try
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException e)
            {
                var b = new NpgsqlConnectionStringBuilder(_server);
                throw new EngineStoreException($"The store bench needs a database of its own on PostgreSQL {b.Host}:{b.Port} ({sql.Split(' ')[0]} DATABASE failed: {e.Message}).", e);
            }
        }
    }

    internal static Supervisor NewPopulation(EngineOptions options, int agents)
    {
        var population = options.WithPopulation(agents);
        var clock = new MarketClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var supervisor = new Supervisor(population, EngineComposition.InMemorySimulatedExchange(population, clock, seed: 1), clock, new Random(1));
        supervisor.StartAsync().AsTask().GetAwaiter().GetResult();
        return supervisor;
    }

    private static BenchBooking TimeBookings(EngineStore store, Supervisor supervisor, int count, CancellationToken ct)
    {
        var agents = supervisor.Living.Select(a => (State: a.Save(), Ledger: supervisor.Ledger.Private(a.Id).Save())).ToList();
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (agent, ledger) = agents[i % agents.Count];
            var record = Record(i + 1, agent.Id);
            var started = Stopwatch.GetTimestamp();
            store.Booked(record, ledger, agent);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return new BenchBooking(count, Percentile(times, 0.50), Percentile(times, 0.99));
    }

    /// <summary>
    /// The same bookings written through EF Core on the same database with the same durability: a context per booking
    /// (a unit of work) that adds the trade row and its event, updates the agent's ledger and agent rows, and saves them in
    /// one transaction. Measured after the restore (its rows are never read): the figure behind the store writing its
    /// bookings as prepared statements.
    /// </summary>
    private static (double P50Ms, double P99Ms) TimeEfCoreBookings(StoreLocation location, Supervisor supervisor, int count, long firstTradeId,
        CancellationToken ct)
    {
        var agents = supervisor.Living.Select(a => (State: a.Save(), Ledger: supervisor.Ledger.Private(a.Id).Save())).ToList();
        var (connection, version) = OpenEfCoreWriter(location);
        using var _ = connection;
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (agent, ledger) = agents[i % agents.Count];
            var record = Record(firstTradeId + i, agent.Id);
            var started = Stopwatch.GetTimestamp();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var ledgerJson = EngineJson.Serialize(ledger);
            var agentJson = EngineJson.Serialize(agent);
            using (var db = location.CreateContext(connection))
            {
                ++version;
                db.Trades.Add(new Persistence.Rows.TradeRow
                {
                    TradeId = record.TradeId, AgentId = record.AgentId, InstId = record.InstId, Side = record.Side.ToWire(), PosSide = record.PosSide.ToString(),
                    Amount = record.Amount, Price = record.Price, Fee = record.Fee, OrdId = record.OrdId, ClOrdId = record.ClOrdId,
                    ExchangeTradeId = record.ExchangeTradeId, TimestampMs = record.TimestampMs, Confidence = record.Confidence,
                    RealizedPnl = record.RealizedPnl, Origin = record.Origin.ToString(), Version = version, RecordedAtMs = now,
                });
                var ledgerRow = db.Ledgers.Find(agent.Id) ?? db.Ledgers.Add(new Persistence.Rows.LedgerRow { AgentId = agent.Id }).Entity;
                (ledgerRow.State, ledgerRow.Version) = (ledgerJson, version);
                var agentRow = db.Agents.Find(agent.Id) ?? db.Agents.Add(new Persistence.Rows.AgentRow { Id = agent.Id }).Entity;
                (agentRow.Name, agentRow.Alive, agentRow.State, agentRow.Version) = (agent.Name, true, agentJson, version);
                db.Events.Add(new Persistence.Rows.EventRow
                {
                    Version = version, RecordedAtMs = now, Kind = EventKinds.Booked,
                    Payload = string.Concat("{\"record\":", EngineJson.Serialize(record), ",\"ledger\":", ledgerJson, ",\"agent\":", agentJson, "}"),
                });
                db.SaveChanges();
            }
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.99));
    }

    /// <summary>
    /// The same checkpoints written through EF Core, on the same database with the same durability: a context per
    /// checkpoint that loads every agent and ledger row in one query each, updates them from a full capture (as the
    /// store's checkpoint after an hourly review writes them), updates the engine state, adds the checkpoint row and its
    /// event, and saves them in one transaction. Timed from the capture to the commit, as the store's figure is.
    /// </summary>
    private static (double P50Ms, double P99Ms) TimeEfCoreCheckpoints(StoreLocation location, Supervisor supervisor, int count, CancellationToken ct)
    {
        var (connection, version) = OpenEfCoreWriter(location);
        using var _ = connection;
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var state = supervisor.CaptureSnapshot();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            ++version;
            using (var db = location.CreateContext(connection))
            {
                var agentRows = db.Agents.ToDictionary(a => a.Id);
                foreach (var agent in state.Agents)
                {
                    if (!agentRows.TryGetValue(agent.Id, out var row)) db.Agents.Add(row = new Persistence.Rows.AgentRow { Id = agent.Id });
                    (row.Name, row.Alive, row.State, row.Version) = (agent.Name, true, EngineJson.Serialize(agent), version);
                }
                var ledgerRows = db.Ledgers.ToDictionary(l => l.AgentId);
                foreach (var ledger in state.Ledgers)
                {
                    if (!ledgerRows.TryGetValue(ledger.AgentId, out var row)) db.Ledgers.Add(row = new Persistence.Rows.LedgerRow { AgentId = ledger.AgentId });
                    (row.State, row.Version) = (EngineJson.Serialize(ledger), version);
                }
                var engine = db.EngineState.Find(1) ?? db.EngineState.Add(new Persistence.Rows.EngineStateRow()).Entity;
                (engine.Supervisor, engine.Mastermind, engine.Version, engine.TakenAtMs, engine.RecordedAtMs) =
                    (EngineJson.Serialize(state.Supervisor), EngineJson.Serialize(state.Mastermind with { History = [] }), version, state.TakenAtMs, now);
                db.Checkpoints.Add(new Persistence.Rows.CheckpointRow
                {
                    Version = version, TakenAtMs = state.TakenAtMs, RecordedAtMs = now, Cycle = state.Supervisor.Cycle, Agents = state.Agents.Count,
                    LastTradeId = state.LastTradeId,
                });
                var m = state.Mastermind;
                db.Events.Add(new Persistence.Rows.EventRow
                {
                    Version = version, RecordedAtMs = now, Kind = EventKinds.Checkpoint,
                    Payload = EngineJson.Serialize(new CheckpointEvent(state.TakenAtMs, state.LastTradeId, state.Supervisor, m.Pool, m.DecisionCount, [],
                        state.Agents, state.Ledgers, m.InterventionMode, m.SpotShare, m.RiskAppetite)),
                });
                db.SaveChanges();
            }
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.99));
    }

    /// <summary>A connection of its own for the EF Core figures, as durable as the store's (synchronous=FULL; synchronous_commit on), and the store's latest version.</summary>
    private static (System.Data.Common.DbConnection Connection, long Version) OpenEfCoreWriter(StoreLocation location)
    {
        var connection = location.Connect();
        StoreSql.Execute(connection, location.IsPostgres ? "SET synchronous_commit TO on" : "PRAGMA synchronous=FULL");
        using var db = location.CreateContext(connection);
        return (connection, db.Events.Max(e => (long?)e.Version) ?? 0);
    }

    private static BenchCheckpoint TimeCheckpoints(EngineStore store, Supervisor supervisor, int count, CancellationToken ct)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var full = supervisor.CaptureSnapshot(); // every agent, as a checkpoint after an hourly review would carry
            store.Checkpoint(full with { IsPartial = true, Valhalla = [] });
            store.FlushAsync(ct).GetAwaiter().GetResult();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return new BenchCheckpoint(supervisor.Living.Count, count, Percentile(times, 0.50), Percentile(times, 0.99));
    }

    private static BenchRestore TimeRestore(StoreLocation location, EngineOptions options, Supervisor supervisor, int records, CancellationToken ct)
    {
        // Fill the ledger with synthetic trade rows: the restore reads every one.
        var ids = supervisor.Living.Select(a => a.Id).ToArray();
        var rows = Enumerable.Range(1, records).Select(i =>
        {
            if (i % 100_000 == 0) ct.ThrowIfCancellationRequested();
            return Record(i, ids[(i - 1) % ids.Length]);
        });
        using (var connection = location.Connect())
        {
            StoreSql.Execute(connection, "DELETE FROM Trades");
            if (connection is NpgsqlConnection postgres) Copy(postgres, rows);
            else Insert(connection, rows);
        }

        var started = Stopwatch.GetTimestamp();
        using var reader = StoreReader.Open(location);
        var loaded = reader.Load();
        var restored = Supervisor.Restore(options, EngineComposition.InMemorySimulatedExchange(options, TimeProvider.System, seed: 1), TimeProvider.System,
            new Random(1), loaded.State, loaded.Records);
        var verdict = LedgerVerification.Verify(restored.Ledger, exchangeFills: null);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (verdict.PublicRecords != records)
            throw new InvalidOperationException($"The restore read {verdict.PublicRecords} records, not {records}.");
        var (storeReader, efCore) = TimeTradeRows(location, reader);
        return new BenchRestore(restored.Living.Count, verdict.PublicRecords, seconds, storeReader, efCore);
    }

    /// <summary>
    /// Every trade row read twice, alone: by the store's reader (<see cref="StoreReader.Trades"/>: SQLitePCL on SQLite) and by
    /// an EF Core query over the same model. The store reads everything else through EF Core; this pair is why the trade
    /// rows are not (a restore reads millions of them).
    /// </summary>
    private static (double StoreReaderSeconds, double EfCoreSeconds) TimeTradeRows(StoreLocation location, StoreReader reader)
    {
        var started = Stopwatch.GetTimestamp();
        var viaReader = reader.Trades();
        var readerSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        List<TradeRecord> viaEf;
        using (var db = location.CreateContext())
            viaEf = [.. db.Trades.OrderBy(t => t.TradeId).AsEnumerable().Select(t => t.ToRecord())];
        var efSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (viaEf.Count != viaReader.Count || (viaEf.Count > 0 && (viaEf[0] != viaReader[0] || viaEf[^1] != viaReader[^1])))
            throw new InvalidOperationException($"EF Core read {viaEf.Count} trade records, the store's reader {viaReader.Count}, or not the same ones.");
        return (readerSeconds, efSeconds);
    }

    private static void Insert(System.Data.Common.DbConnection connection, IEnumerable<TradeRecord> rows)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = StoreSql.Prepare(connection, $"INSERT INTO Trades ({TradeColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)", 17);
        insert.Transaction = transaction;
        foreach (var r in rows)
            StoreSql.Run(insert, r.TradeId, r.AgentId, r.InstId, r.Side.ToWire(), r.PosSide.ToString(), StoreSql.Text(r.Amount), StoreSql.Text(r.Price),
                StoreSql.Text(r.Fee), r.OrdId, r.ClOrdId, r.ExchangeTradeId, r.TimestampMs, r.Confidence, StoreSql.Text(r.RealizedPnl), r.Origin.ToString(), 1L, 0L);
        transaction.Commit();
    }

    /// <summary>PostgreSQL's bulk path (COPY): a million single inserts would time the network, not the restore.</summary>
    private static void Copy(NpgsqlConnection connection, IEnumerable<TradeRecord> rows)
    {
        using var copy = connection.BeginBinaryImport($"COPY Trades ({TradeColumns}) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            copy.StartRow();
            copy.Write(r.TradeId, NpgsqlTypes.NpgsqlDbType.Bigint);
            copy.Write(r.AgentId, NpgsqlTypes.NpgsqlDbType.Integer);
            foreach (var text in (string[])[r.InstId, r.Side.ToWire(), r.PosSide.ToString(), StoreSql.Text(r.Amount), StoreSql.Text(r.Price),
                         StoreSql.Text(r.Fee), r.OrdId, r.ClOrdId, r.ExchangeTradeId])
                copy.Write(text, NpgsqlTypes.NpgsqlDbType.Text);
            copy.Write(r.TimestampMs, NpgsqlTypes.NpgsqlDbType.Bigint);
            copy.Write(r.Confidence, NpgsqlTypes.NpgsqlDbType.Double);
            copy.Write(StoreSql.Text(r.RealizedPnl), NpgsqlTypes.NpgsqlDbType.Text);
            copy.Write(r.Origin.ToString(), NpgsqlTypes.NpgsqlDbType.Text);
            copy.Write(1L, NpgsqlTypes.NpgsqlDbType.Bigint);
            copy.Write(0L, NpgsqlTypes.NpgsqlDbType.Bigint);
        }
        copy.Complete();
    }

    private const string TradeColumns =
        "TradeId, AgentId, InstId, Side, PosSide, Amount, Price, Fee, OrdId, ClOrdId, ExchangeTradeId, TimestampMs, Confidence, RealizedPnl, Origin, Version, RecordedAtMs";

    private static TradeRecord Record(long id, int agentId)
    {
        var buy = id % 2 == 1;
        return new TradeRecord(id, agentId, BenchSymbol, buy ? TradeSide.Buy : TradeSide.Sell, PositionSide.Long, 1.5m,
            43_210.5m + id % 1000, 0.3240787500m, (id * 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"p{agentId}x{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), 1_700_000_000_000 + id * 1000, 0.42,
            buy ? 0m : 1.25m, TradeOrigin.Decision);
    }

    /// <summary>The nearest-rank percentile of sorted latencies (p in (0, 1]).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>
/// A durable booking: latency over <see cref="Count"/> bookings through the store, and the same bookings written through
/// EF Core (<see cref="EfCoreP50Ms"/>, <see cref="EfCoreP99Ms"/>), measured for comparison.
/// </summary>
public sealed record BenchBooking(int Count, double P50Ms, double P99Ms, double EfCoreP50Ms = 0, double EfCoreP99Ms = 0);

/// <summary>A checkpoint of every agent, written durably; and the same checkpoints written through EF Core (<see cref="EfCoreP50Ms"/>, <see cref="EfCoreP99Ms"/>), for comparison.</summary>
public sealed record BenchCheckpoint(int Agents, int Count, double P50Ms, double P99Ms, double EfCoreP50Ms = 0, double EfCoreP99Ms = 0);

/// <summary>
/// A restore of the engine with its whole ledger; then every trade row read alone, by the store's reader and by an EF Core
/// query (<see cref="TradeRowsSeconds"/>, <see cref="TradeRowsEfCoreSeconds"/>).
/// </summary>
public sealed record BenchRestore(int Agents, int Records, double Seconds, double TradeRowsSeconds, double TradeRowsEfCoreSeconds);
