using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Persistence;

/// <summary>Section Prometheus:Store: where the engine's store lives.</summary>
public sealed class StoreOptions : IValidatable
{
    public const string Section = "Prometheus:Store";

    /// <summary>Sqlite (the default: &lt;DataDir&gt;/prometheus.db) or Postgres (<see cref="ConnectionString"/>).</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql's syntax); required with Postgres, unused with Sqlite. Never logged.</summary>
    public string ConnectionString { get; set; } = "";

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Provider))
            yield return $"{Section}:Provider must be Sqlite or Postgres (was {Provider})";
        if (Provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return $"{Section}:Provider is Postgres but {Section}:ConnectionString is not set " +
                         "(e.g. Prometheus__Store__ConnectionString='Host=127.0.0.1;Port=5432;Database=prometheus;Username=prometheus')";
        if (Provider == StoreProvider.Postgres && !string.IsNullOrWhiteSpace(ConnectionString))
        {
            string? problem = null;
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException e)
            {
                // The message names the bad keyword, never the value (it may hold the password).
                problem = e.Message;
            }
            if (problem is not null)
                yield return $"{Section}:ConnectionString is not a valid PostgreSQL connection string ({problem})";
        }
    }

    public StoreLocation Location(string dataDir) => new(dataDir, Provider, Provider == StoreProvider.Postgres ? ConnectionString : null);
}
