using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Prometheus.Engine.Persistence.Migrations;

/// <summary>Equity curves in the store, so history survives a restart: the population's (agent 0) and each agent's.</summary>
[DbContext(typeof(EngineDbContext))]
[Migration(Id)]
public sealed class EquityPoints : Migration
{
    public const string Id = "20261205120000_EquityPoints";

    protected override void Up(MigrationBuilder b) =>
        b.CreateTable("EquityPoints", t => new
        {
            AgentId = t.Column<int>(type: "INTEGER", nullable: false),
            TimeMs = t.Column<long>(type: "INTEGER", nullable: false),
            Equity = t.Column<decimal>(type: "TEXT", nullable: false),
            MarketPrice = t.Column<decimal>(type: "TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_EquityPoints", x => new { x.AgentId, x.TimeMs }));

    protected override void Down(MigrationBuilder b) => b.DropTable("EquityPoints");
}
