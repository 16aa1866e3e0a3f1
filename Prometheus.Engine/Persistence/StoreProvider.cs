namespace Prometheus.Engine.Persistence;

/// <summary>Which database holds the engine's store (Prometheus:Store:Provider).</summary>
public enum StoreProvider
{
    /// <summary>Embedded, nothing to install: &lt;DataDir&gt;/prometheus.db.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by Prometheus:Store:ConnectionString.</summary>
    Postgres,
}
