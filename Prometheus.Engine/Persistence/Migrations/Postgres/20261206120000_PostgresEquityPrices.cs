using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Prometheus.Engine.Persistence.Migrations.Postgres;

/// <summary>The SQLite set's EquityPrices on PostgreSQL: each traded coin's price on the population's equity points (JSON text).</summary>
[DbContext(typeof(PostgresEngineDbContext))]
[Migration(Id)]
public sealed class PostgresEquityPrices : Migration
{
    public const string Id = "20261206120000_PostgresEquityPrices";

    protected override void Up(MigrationBuilder b) => b.Sql("ALTER TABLE EquityPoints ADD COLUMN Prices text NULL;");

    protected override void Down(MigrationBuilder b) => b.Sql("ALTER TABLE EquityPoints DROP COLUMN Prices;");
}
