using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine's durable memory: its database (<see cref="StoreLocation"/>: &lt;DataDir&gt;/prometheus.db, SQLite in WAL with
/// synchronous=FULL, or PostgreSQL, whose commit is durable when it returns too) and full snapshots in &lt;DataDir&gt;/snapshots
/// (files on both providers). Entry points: <see cref="Open"/>; the trading loop's
/// writes (<see cref="Supervision.IEngineStore"/>: journal, bookings, births, deaths, each one transaction, on the
/// loop's thread); checkpoints and snapshots (<see cref="Supervision.ICheckpointSink"/>, written by a background
/// writer so saving never stalls trading); <see cref="LoadState"/> for a restart or a point in time.
/// Invariants:
/// - Every change is an event with a store version, assigned on the loop in the order the engine made the changes;
///   the current-state tables (Agents, Ledgers, Valhalla, Orders, EngineState) are never overwritten by an older
///   version, so a checkpoint written late cannot undo a booking written early.
/// - A trade row, its private ledger, its agent and its event are committed together or not at all; likewise a funding
///   row, its private ledger and its event (and a funding share already stored writes nothing).
/// - A snapshot row is written only after its file is durable; events are kept back to the oldest snapshot a restore
///   or a point-in-time recovery of the last 24 hours may need.
/// - Opening never writes to a file it has not checked: a truncated, corrupt, foreign or newer database is refused.
/// </summary>
public sealed partial class EngineStore : IDisposable
{
    public const string FileName = "prometheus.db";

    private readonly string _dataDir;
    private readonly TimeProvider _wall;
    private readonly PersistenceOptions _options;
    private readonly DbConnection _loop;
    private readonly DbConnection _background;
    private bool _disposed;

    private EngineStore(StoreLocation location, TimeProvider wall, PersistenceOptions options, DbConnection loop, DbConnection background)
    {
        Location = location;
        _dataDir = location.DataDir;
        FilePath = location.Describe();
        _wall = wall;
        _options = options;
        _loop = loop;
        _background = background;
        _version = MaxVersion();
        _persistedDecision = Convert.ToInt64(StoreSql.Scalar(_loop, "SELECT coalesce(max(Number), 0) FROM MastermindDecisions") ?? 0L);
        PrepareLoopCommands();
        _writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>The database, for messages: the SQLite file's path, or the PostgreSQL server and database (never the credentials).</summary>
    public string FilePath { get; }
    public string DataDir => _dataDir;
    public StoreLocation Location { get; }

    /// <summary>
    /// Opens (or creates) the store at <paramref name="location"/> (a data dir alone: SQLite) and brings its schema up to date.
    /// </summary>
    /// <exception cref="EngineStoreException">The folder cannot be written, or the database cannot be reached, is truncated,
    /// corrupt, not Prometheus's, or written by a newer version. Nothing was written to it.</exception>
    public static EngineStore Open(StoreLocation location, TimeProvider wall, PersistenceOptions options)
    {
        EnsureWritable(location.DataDir);
        if (location.IsPostgres) return OpenPostgres(location, wall, options);
        var path = location.SqlitePath;
        if (File.Exists(path))
            Check(path);

        DbConnection? loop = null, background = null;
        try
        {
            loop = location.Connect(create: true);
            Configure((SqliteConnection)loop);
            Migrate(location, loop);
            background = location.Connect();
            Configure((SqliteConnection)background);
            return new EngineStore(location, wall, options, loop, background);
        }
        catch (SqliteException e)
        {
            loop?.Dispose();
            background?.Dispose();
            throw new EngineStoreException($"The database {path} cannot be opened: {e.Message}. The file was left as it is.", e);
        }
        catch
        {
            loop?.Dispose();
            background?.Dispose();
            throw;
        }
    }

    private static EngineStore OpenPostgres(StoreLocation location, TimeProvider wall, PersistenceOptions options)
    {
        DbConnection? loop = null, background = null;
        try
        {
            loop = location.Connect();
            CheckPostgres(loop, location);
            Migrate(location, loop);
            background = location.Connect();
            // A commit is durable when it returns, whatever the server's default: the crash guarantees rest on it.
            foreach (var connection in new[] { loop, background })
                StoreSql.Execute(connection, "SET synchronous_commit TO on");
            return new EngineStore(location, wall, options, loop, background);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            loop?.Dispose();
            background?.Dispose();
            throw new EngineStoreException($"The database {location.Describe()} cannot be opened: {e.Message}. Check {StoreOptions.Section}:ConnectionString " +
                "and that the server is running.", e);
        }
        catch
        {
            loop?.Dispose();
            background?.Dispose();
            throw;
        }
    }

    /// <summary>The migrations this build knows for <paramref name="provider"/>, oldest first.</summary>
    public static IReadOnlyList<string> KnownMigrations(StoreProvider provider = StoreProvider.Sqlite)
    {
        using EngineDbContext context = provider == StoreProvider.Postgres
            ? new PostgresEngineDbContext(PostgresEngineDbContext.OptionsFor("Host=localhost"))
            : new EngineDbContext(EngineDbContext.OptionsFor("Data Source=:memory:"));
        return [.. context.Database.GetMigrations()];
    }

    /// <summary>An EF Core context on the store's database, read-only, for queries (the writes go through the store).</summary>
    public EngineDbContext CreateContext() => Location.CreateContext();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Writer.TryComplete();
        try
        {
            _writer.GetAwaiter().GetResult();
        }
        finally
        {
            DisposeLoopCommands();
            _loop.Dispose();
            _background.Dispose();
        }
    }

    private static void EnsureWritable(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new EngineStoreException($"The data dir {dir} cannot be written: {e.Message}. Set Prometheus:DataDir to a folder Prometheus can create and write.", e);
        }
    }

    /// <summary>Read-only checks of an existing file; nothing is written to it, whatever they find.</summary>
    private static void Check(string path)
    {
        if (new FileInfo(path).Length == 0 || !Sqlite.HasDatabaseHeader(path))
            throw Refused(path, "is not a SQLite database (truncated or overwritten)");
        try
        {
            using var connection = Sqlite.Connect(path, SqliteOpenMode.ReadOnly);
            var check = Sqlite.Scalar(connection, "PRAGMA quick_check") as string;
            if (check != "ok")
                throw Refused(path, $"is corrupt (quick_check: {check})");
            var hasHistory = (long)Sqlite.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'")! > 0;
            var hasTables = (long)Sqlite.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'")! > 0;
            if (!hasHistory)
            {
                if (hasTables) throw Refused(path, "is a SQLite database but not Prometheus's");
                return;
            }
            var applied = Sqlite.Read(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId", r => r.GetString(0));
            CheckApplied(path, applied, StoreProvider.Sqlite);
        }
        catch (SqliteException e)
        {
            throw Refused(path, $"is corrupt or not a SQLite database ({e.Message})");
        }
    }

    /// <summary>The same checks on a PostgreSQL database (its own schema, no newer migrations); they read only.</summary>
    private static void CheckPostgres(DbConnection connection, StoreLocation location)
    {
        var name = location.Describe();
        var hasHistory = StoreSql.Scalar(connection, "SELECT to_regclass('\"__EFMigrationsHistory\"')::text") is not null;
        if (!hasHistory)
        {
            if (StoreSql.Scalar(connection, "SELECT to_regclass('trades')::text") is not null)
                throw Refused(name, "has a Trades table but no migration history: it is not Prometheus's", "use an empty database for Prometheus");
            return;
        }
        var applied = StoreSql.Read(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", r => r.GetString(0));
        CheckApplied(name, applied, StoreProvider.Postgres);
    }

    private static void CheckApplied(string name, IReadOnlyList<string> applied, StoreProvider provider)
    {
        var known = KnownMigrations(provider);
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw Refused(name, $"was written by a newer version of Prometheus (schema {unknown[^1]}; this version knows up to {known[^1]})",
                "run the version that wrote it");
    }

    private static EngineStoreException Refused(string path, string problem, string advice = "restore it from a copy, or move it away to start afresh") =>
        new($"The database {path} {problem}. The {(path.StartsWith("PostgreSQL ", StringComparison.Ordinal) ? "database" : "file")} was left as it is: {advice}.");

    private static void Configure(SqliteConnection connection)
    {
        var mode = Sqlite.Scalar(connection, "PRAGMA journal_mode=WAL") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new EngineStoreException($"The database {connection.DataSource} cannot be put in WAL journal mode (it is in '{mode}').");
        Sqlite.Execute(connection, "PRAGMA synchronous=FULL");
        Sqlite.Execute(connection, "PRAGMA busy_timeout=10000");
    }

    private static void Migrate(StoreLocation location, DbConnection connection)
    {
        using var context = location.CreateContext(connection);
        context.Database.Migrate();
    }

    // One statement both dialects run (SQLite's max() of several arguments is not PostgreSQL's).
    private long MaxVersion() => Convert.ToInt64(StoreSql.Scalar(_loop, """
        SELECT coalesce(max(v), 0) FROM (SELECT max(Version) AS v FROM Events UNION ALL SELECT max(Version) FROM Snapshots
            UNION ALL SELECT max(Version) FROM Checkpoints UNION ALL SELECT max(Version) FROM EngineState) AS versions
        """) ?? 0L);
}
