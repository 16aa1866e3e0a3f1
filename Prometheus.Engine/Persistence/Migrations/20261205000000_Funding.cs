using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Prometheus.Engine.Persistence.Migrations;

/// <summary>Funding records: each agent's share of each swap funding settlement, unique by (instrument, time, side, agent).</summary>
[DbContext(typeof(EngineDbContext))]
[Migration(Id)]
public sealed class Funding : Migration
{
    public const string Id = "20261205000000_Funding";

    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("Funding", t => new
        {
            FundingId = t.Column<long>(type: "INTEGER", nullable: false),
            AgentId = t.Column<int>(type: "INTEGER", nullable: false),
            InstId = t.Column<string>(type: "TEXT", nullable: false),
            PosSide = t.Column<string>(type: "TEXT", nullable: false),
            FundingTimeMs = t.Column<long>(type: "INTEGER", nullable: false),
            PositionAmount = t.Column<decimal>(type: "TEXT", nullable: false),
            Rate = t.Column<decimal>(type: "TEXT", nullable: false),
            MarkPrice = t.Column<decimal>(type: "TEXT", nullable: false),
            Paid = t.Column<decimal>(type: "TEXT", nullable: false),
            BillId = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Funding", x => x.FundingId));
        b.CreateIndex("IX_Funding_InstId_FundingTimeMs_PosSide_AgentId", "Funding", ["InstId", "FundingTimeMs", "PosSide", "AgentId"], unique: true);
        b.CreateIndex("IX_Funding_AgentId", "Funding", "AgentId");
    }

    protected override void Down(MigrationBuilder b) => b.DropTable("Funding");
}
