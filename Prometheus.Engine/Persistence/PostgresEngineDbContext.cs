using Microsoft.EntityFrameworkCore;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The same model on PostgreSQL, with its own migrations (Migrations/Postgres). Names are lower case, as PostgreSQL folds
/// unquoted names, so the store's raw SQL (written unquoted) is the same on both providers; money stays invariant TEXT
/// (a decimal converted to and from its string), never numeric or floating, as on SQLite.
/// </summary>
public sealed class PostgresEngineDbContext(DbContextOptions<PostgresEngineDbContext> options) : EngineDbContext(options)
{
    public static new DbContextOptions<PostgresEngineDbContext> OptionsFor(string connectionString) =>
        Configure(new DbContextOptionsBuilder<PostgresEngineDbContext>().UseNpgsql(connectionString));

    public static new DbContextOptions<PostgresEngineDbContext> OptionsFor(System.Data.Common.DbConnection connection) =>
        Configure(new DbContextOptionsBuilder<PostgresEngineDbContext>().UseNpgsql(connection));

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        foreach (var entity in model.Model.GetEntityTypes())
        {
            entity.SetTableName(entity.GetTableName()!.ToLowerInvariant());
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(property.GetColumnName().ToLowerInvariant());
                if (property.ClrType == typeof(decimal) || property.ClrType == typeof(decimal?))
                    property.SetColumnType("text"); // the base model's converter keeps money as the invariant decimal's text
            }
        }
    }
}
