using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine's durable memory: &lt;DataDir&gt;/prometheus.db (SQLite, WAL, synchronous=FULL: a commit is on disk when it
/// returns) and full snapshots in &lt;DataDir&gt;/snapshots. Entry points: <see cref="Open"/>; the trading loop's
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
    private readonly SqliteConnection _loop;
    private readonly SqliteConnection _background;
    private bool _disposed;

    private EngineStore(string dataDir, string path, TimeProvider wall, PersistenceOptions options, SqliteConnection loop, SqliteConnection background)
    {
        _dataDir = dataDir;
        FilePath = path;
        _wall = wall;
        _options = options;
        _loop = loop;
        _background = background;
        _version = MaxVersion();
        _persistedDecision = (long)(Sqlite.Scalar(_loop, "SELECT coalesce(max(Number), 0) FROM MastermindDecisions") ?? 0L);
        PrepareLoopCommands();
        _writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public string FilePath { get; }
    public string DataDir => _dataDir;

    /// <summary>
    /// Opens (or creates) the store in <paramref name="dataDir"/> and brings its schema up to date.
    /// </summary>
    /// <exception cref="EngineStoreException">The folder cannot be written, or the database is truncated, corrupt,
    /// not Prometheus's, or written by a newer version. Nothing was written to it.</exception>
    public static EngineStore Open(string dataDir, TimeProvider wall, PersistenceOptions options)
    {
        var dir = Path.GetFullPath(dataDir);
        EnsureWritable(dir);
        var path = Path.Combine(dir, FileName);
        if (File.Exists(path))
            Check(path);

        SqliteConnection? loop = null, background = null;
        try
        {
            loop = Sqlite.Connect(path, SqliteOpenMode.ReadWriteCreate);
            Configure(loop);
            Migrate(loop);
            background = Sqlite.Connect(path, SqliteOpenMode.ReadWrite);
            Configure(background);
            return new EngineStore(dir, path, wall, options, loop, background);
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

    /// <summary>The migrations this build knows, oldest first.</summary>
    public static IReadOnlyList<string> KnownMigrations()
    {
        using var context = new EngineDbContext(EngineDbContext.OptionsFor("Data Source=:memory:"));
        return [.. context.Database.GetMigrations()];
    }

    /// <summary>An EF Core context on the store's file, for queries (the writes go through the store).</summary>
    public EngineDbContext CreateContext() =>
        new(EngineDbContext.OptionsFor(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()));

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
            var unknown = applied.Except(KnownMigrations(), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
                throw Refused(path, $"was written by a newer version of Prometheus (schema {unknown[^1]}; this version knows up to {KnownMigrations()[^1]})",
                    "run the version that wrote it");
        }
        catch (SqliteException e)
        {
            throw Refused(path, $"is corrupt or not a SQLite database ({e.Message})");
        }
    }

    private static EngineStoreException Refused(string path, string problem, string advice = "restore it from a copy, or move it away to start afresh") =>
        new($"The database {path} {problem}. The file was left as it is: {advice}.");

    private static void Configure(SqliteConnection connection)
    {
        var mode = Sqlite.Scalar(connection, "PRAGMA journal_mode=WAL") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new EngineStoreException($"The database {connection.DataSource} cannot be put in WAL journal mode (it is in '{mode}').");
        Sqlite.Execute(connection, "PRAGMA synchronous=FULL");
        Sqlite.Execute(connection, "PRAGMA busy_timeout=10000");
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var context = new EngineDbContext(EngineDbContext.OptionsFor(connection));
        context.Database.Migrate();
    }

    private long MaxVersion() => (long)(Sqlite.Scalar(_loop, """
        SELECT max(coalesce((SELECT max(Version) FROM Events), 0), coalesce((SELECT max(Version) FROM Snapshots), 0),
                   coalesce((SELECT max(Version) FROM Checkpoints), 0), coalesce((SELECT max(Version) FROM EngineState), 0))
        """) ?? 0L);
}
