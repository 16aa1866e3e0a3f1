using Npgsql;
using Prometheus.Engine.Persistence;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// A PostgreSQL database of its own for one test, on the server PROMETHEUS_TEST_POSTGRES names (test.sh starts a
/// throwaway cluster and sets it); dropped at the end. <see cref="Environment"/> points a `serve` process at it.
/// Both test projects use it (Prometheus.Web.Tests links this file).
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "PROMETHEUS_TEST_POSTGRES";

    public static string? Server => System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private readonly string _name = "prometheus_test_" + Guid.NewGuid().ToString("N");

    public PostgresTestDatabase()
    {
        using var admin = new NpgsqlConnection(Server ?? throw new InvalidOperationException($"{Variable} is not set"));
        admin.Open();
        using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE {_name}";
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public StoreLocation Location(string dataDir) => new(dataDir, StoreProvider.Postgres, ConnectionString);

    /// <summary>
    /// A new database holding what <paramref name="source"/> had committed at this instant, while its engine goes on
    /// writing: what a kill -9 now would leave. pg_dump reads one consistent snapshot (as SQLite's online backup does);
    /// pg_restore writes it into the copy. Debian's postgresql package ships both beside the server.
    /// </summary>
    public static PostgresTestDatabase CopyOf(string source)
    {
        var copy = new PostgresTestDatabase();
        var from = new NpgsqlConnectionStringBuilder(source);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_dump"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("pg_dump not found under /usr/lib/postgresql/*/bin (Debian's postgresql package)");
        var target = new NpgsqlConnectionStringBuilder(copy.ConnectionString);
        var options = $"-h {from.Host} -p {from.Port} -U {from.Username}";
        var start = new System.Diagnostics.ProcessStartInfo("bash",
            ["-c", $"set -o pipefail; '{bin}/pg_dump' {options} -d {from.Database} -Fc | '{bin}/pg_restore' {options} -d {target.Database} --no-owner"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            copy.Dispose();
            throw new InvalidOperationException($"copying {from.Database} failed ({process.ExitCode}): {errors}");
        }
        return copy;
    }

    /// <summary>The environment that makes `serve` keep its store here.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["Prometheus__Store__Provider"] = "Postgres",
        ["Prometheus__Store__ConnectionString"] = ConnectionString,
    };

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Server);
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}

/// <summary>A test that needs a PostgreSQL server: skipped, saying why, when PROMETHEUS_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.Server is null)
            Skip = $"{PostgresTestDatabase.Variable} is not set: no PostgreSQL server (test.sh starts one; scripts/postgres-test-cluster.sh start)";
    }
}
