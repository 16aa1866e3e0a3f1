using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Prometheus.Engine.Persistence.Migrations;

/// <summary>Reconciliation's memory: orphans with what a person decided, and every finding by its id.</summary>
[DbContext(typeof(EngineDbContext))]
[Migration(Id)]
public sealed class Reconciliation : Migration
{
    public const string Id = "20261130000000_Reconciliation";

    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("Orphans", t => new
        {
            Id = t.Column<string>(type: "TEXT", nullable: false),
            InstId = t.Column<string>(type: "TEXT", nullable: false),
            PosSide = t.Column<string>(type: "TEXT", nullable: false),
            Delta = t.Column<decimal>(type: "TEXT", nullable: false),
            Price = t.Column<decimal>(type: "TEXT", nullable: false),
            Fee = t.Column<decimal>(type: "TEXT", nullable: false),
            TradeId = t.Column<string>(type: "TEXT", nullable: true),
            OrdId = t.Column<string>(type: "TEXT", nullable: false),
            ClOrdId = t.Column<string>(type: "TEXT", nullable: false),
            TimestampMs = t.Column<long>(type: "INTEGER", nullable: false),
            Reason = t.Column<string>(type: "TEXT", nullable: false),
            Status = t.Column<string>(type: "TEXT", nullable: false),
            AgentId = t.Column<int>(type: "INTEGER", nullable: true),
            UpdatedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Orphans", x => x.Id));

        b.CreateTable("ReconciliationItems", t => new
        {
            Id = t.Column<string>(type: "TEXT", nullable: false),
            Kind = t.Column<string>(type: "TEXT", nullable: false),
            Case = t.Column<string>(type: "TEXT", nullable: false),
            Item = t.Column<string>(type: "TEXT", nullable: false),
            Resolved = t.Column<bool>(type: "INTEGER", nullable: false),
            Blocking = t.Column<bool>(type: "INTEGER", nullable: false),
            FirstSeenAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            LastSeenAtMs = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ReconciliationItems", x => x.Id));
    }

    protected override void Down(MigrationBuilder b)
    {
        b.DropTable("Orphans");
        b.DropTable("ReconciliationItems");
    }
}
