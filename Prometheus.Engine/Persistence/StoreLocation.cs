using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Where a store lives: its data dir (snapshot files, on both providers) and its database, &lt;DataDir&gt;/prometheus.db on
/// SQLite or a PostgreSQL database. Everything dialect-specific about connecting is here; the SQL the store runs is
/// written once for both (parameters @p0.., ON CONFLICT upserts, unquoted names, money as invariant TEXT).
/// A plain data dir converts to a SQLite location, so the embedded store stays the default everywhere.
/// ToString never shows the connection string (it may hold a password).
/// </summary>
public sealed class StoreLocation
{
    public StoreLocation(string dataDir, StoreProvider provider = StoreProvider.Sqlite, string? connectionString = null)
    {
        if (provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException($"A PostgreSQL store needs {StoreOptions.Section}:ConnectionString.", nameof(connectionString));
        DataDir = Path.GetFullPath(dataDir);
        Provider = provider;
        ConnectionString = provider == StoreProvider.Postgres ? connectionString : null;
    }

    public string DataDir { get; }
    public StoreProvider Provider { get; }
    public bool IsPostgres => Provider == StoreProvider.Postgres;

    /// <summary>The PostgreSQL connection string (null on SQLite). Not for logs or messages: see <see cref="Describe"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>The SQLite file (meaningful on SQLite only).</summary>
    public string SqlitePath => Path.Combine(DataDir, EngineStore.FileName);

    public static implicit operator StoreLocation(string dataDir) => new(dataDir);

    /// <summary>The database for messages: the file, or host:port/database without user or password.</summary>
    public string Describe()
    {
        if (!IsPostgres) return SqlitePath;
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    public override string ToString() => Describe();

    /// <summary>An open connection. Read-only ones cannot write (SQLite's read-only mode; PostgreSQL's read-only transactions).</summary>
    public DbConnection Connect(bool readOnly = false, bool create = false)
    {
        return IsPostgres
            ? StoreSql.Open(new NpgsqlConnection(PostgresConnectionString(readOnly)))
            : Sqlite.Connect(SqlitePath, readOnly ? SqliteOpenMode.ReadOnly : create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite);
    }

    /// <summary>Whether the store's database exists yet (a PostgreSQL database is created by its owner, so it always does).</summary>
    public bool Exists => IsPostgres || File.Exists(SqlitePath);

    /// <summary>An EF Core context on this store, for queries; a read-only one tracks nothing (its rows are only read).</summary>
    public EngineDbContext CreateContext(bool readOnly = true)
    {
        EngineDbContext db = IsPostgres
            ? new PostgresEngineDbContext(PostgresEngineDbContext.OptionsFor(PostgresConnectionString(readOnly)))
            : new EngineDbContext(EngineDbContext.OptionsFor(new SqliteConnectionStringBuilder
            {
                DataSource = SqlitePath, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, Pooling = false,
            }.ToString()));
        if (readOnly) db.ChangeTracker.QueryTrackingBehavior = Microsoft.EntityFrameworkCore.QueryTrackingBehavior.NoTracking;
        return db;
    }

    /// <summary>An EF Core context on a connection already open (the store migrates through its own); it does not close it.</summary>
    public EngineDbContext CreateContext(DbConnection connection) => IsPostgres
        ? new PostgresEngineDbContext(PostgresEngineDbContext.OptionsFor(connection))
        : new EngineDbContext(EngineDbContext.OptionsFor(connection));

    private string PostgresConnectionString(bool readOnly)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            // Statements the store runs again and again (bookings, journal) are prepared by Npgsql after a few uses.
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        // A separate pool whose sessions cannot write: a reader beside the engine never changes the store.
        if (readOnly) b.Options = string.Join(' ', new[] { b.Options, "-c default_transaction_read_only=on" }.Where(o => !string.IsNullOrEmpty(o)));
        return b.ConnectionString;
    }
}
