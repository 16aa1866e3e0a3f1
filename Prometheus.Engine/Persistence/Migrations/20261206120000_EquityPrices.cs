using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Prometheus.Engine.Persistence.Migrations;

/// <summary>Each traded coin's price on the population's equity points, so holding the coins traded is measured over the same period.</summary>
[DbContext(typeof(EngineDbContext))]
[Migration(Id)]
public sealed class EquityPrices : Migration
{
    public const string Id = "20261206120000_EquityPrices";

    protected override void Up(MigrationBuilder b) => b.AddColumn<string>("Prices", "EquityPoints", type: "TEXT", nullable: true);

    // EF Core would rebuild the table for a dropped column on SQLite; SQLite (3.35+) drops one itself.
    protected override void Down(MigrationBuilder b) => b.Sql("ALTER TABLE EquityPoints DROP COLUMN Prices;");
}
