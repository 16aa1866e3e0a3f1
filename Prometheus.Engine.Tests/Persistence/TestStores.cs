using Npgsql;
using Prometheus.Engine.Persistence;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// A store for one test on either provider. SQLite: the data dir's own file. PostgreSQL: a new database on the server
/// named by PROMETHEUS_TEST_POSTGRES (test.sh starts a throwaway cluster and sets it), dropped at the end. The
/// <see cref="Providers"/> of a store theory are SQLite always and PostgreSQL when that variable is set; without it the
/// PostgreSQL runs are reported as skipped by <see cref="PostgresFactAttribute"/>'s tests, with the reason.
/// </summary>
internal sealed class TestStore : IDisposable
{
    public const string Variable = "PROMETHEUS_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static IEnumerable<StoreProvider> Available =>
        ServerConnectionString is null ? [StoreProvider.Sqlite] : [StoreProvider.Sqlite, StoreProvider.Postgres];

    public static TheoryData<StoreProvider> Providers => new(Available);

    private readonly string? _database;

    public TestStore(StoreProvider provider, string? dataDir = null)
    {
        var dir = dataDir ?? Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));
        if (provider == StoreProvider.Sqlite)
        {
            Location = new StoreLocation(dir);
            return;
        }
        var server = ServerConnectionString ?? throw new InvalidOperationException($"{Variable} is not set: no PostgreSQL server for this test");
        _database = "prometheus_test_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {_database}";
            create.ExecuteNonQuery();
        }
        Location = new StoreLocation(dir, StoreProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString);
    }

    public StoreLocation Location { get; }

    public void Dispose()
    {
        if (_database is null) return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}

/// <summary>A test that needs a PostgreSQL server: skipped, saying why, when PROMETHEUS_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestStore.ServerConnectionString is null)
            Skip = $"{TestStore.Variable} is not set: no PostgreSQL server (test.sh starts one; scripts/postgres-test-cluster.sh start)";
    }
}
