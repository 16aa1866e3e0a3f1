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
    public static string? ServerConnectionString => PostgresTestDatabase.Server;

    public static IEnumerable<StoreProvider> Available =>
        ServerConnectionString is null ? [StoreProvider.Sqlite] : [StoreProvider.Sqlite, StoreProvider.Postgres];

    public static TheoryData<StoreProvider> Providers => new(Available);

    private readonly PostgresTestDatabase? _database;

    public TestStore(StoreProvider provider, string? dataDir = null)
    {
        var dir = dataDir ?? Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));
        if (provider == StoreProvider.Sqlite)
        {
            Location = new StoreLocation(dir);
            return;
        }
        _database = new PostgresTestDatabase();
        Location = _database.Location(dir);
    }

    public StoreLocation Location { get; }

    public void Dispose() => _database?.Dispose();
}
