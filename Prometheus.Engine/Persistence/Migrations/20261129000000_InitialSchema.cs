using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Prometheus.Engine.Persistence.Migrations;

/// <summary>The first schema: ledger, events, agents, ledgers, Valhalla, order journal, engine state, logs.</summary>
[DbContext(typeof(EngineDbContext))]
[Migration(Id)]
public sealed class InitialSchema : Migration
{
    public const string Id = "20261129000000_InitialSchema";

    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("Trades", t => new
        {
            TradeId = t.Column<long>(type: "INTEGER", nullable: false),
            AgentId = t.Column<int>(type: "INTEGER", nullable: false),
            InstId = t.Column<string>(type: "TEXT", nullable: false),
            Side = t.Column<string>(type: "TEXT", nullable: false),
            PosSide = t.Column<string>(type: "TEXT", nullable: false),
            Amount = t.Column<decimal>(type: "TEXT", nullable: false),
            Price = t.Column<decimal>(type: "TEXT", nullable: false),
            Fee = t.Column<decimal>(type: "TEXT", nullable: false),
            OrdId = t.Column<string>(type: "TEXT", nullable: false),
            ClOrdId = t.Column<string>(type: "TEXT", nullable: false),
            ExchangeTradeId = t.Column<string>(type: "TEXT", nullable: false),
            TimestampMs = t.Column<long>(type: "INTEGER", nullable: false),
            Confidence = t.Column<double>(type: "REAL", nullable: false),
            RealizedPnl = t.Column<decimal>(type: "TEXT", nullable: false),
            Origin = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Trades", x => x.TradeId));
        b.CreateIndex("IX_Trades_InstId_ExchangeTradeId", "Trades", ["InstId", "ExchangeTradeId"], unique: true);
        b.CreateIndex("IX_Trades_AgentId", "Trades", "AgentId");

        b.CreateTable("Events", t => new
        {
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            Kind = t.Column<string>(type: "TEXT", nullable: false),
            Payload = t.Column<string>(type: "TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Events", x => x.Version));
        b.CreateIndex("IX_Events_RecordedAtMs", "Events", "RecordedAtMs");

        b.CreateTable("Agents", t => new
        {
            Id = t.Column<int>(type: "INTEGER", nullable: false),
            Name = t.Column<string>(type: "TEXT", nullable: false),
            Alive = t.Column<bool>(type: "INTEGER", nullable: false),
            State = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Agents", x => x.Id));

        b.CreateTable("Ledgers", t => new
        {
            AgentId = t.Column<int>(type: "INTEGER", nullable: false),
            State = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Ledgers", x => x.AgentId));

        b.CreateTable("Valhalla", t => new
        {
            AgentId = t.Column<int>(type: "INTEGER", nullable: false),
            Name = t.Column<string>(type: "TEXT", nullable: false),
            DiedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            Reason = t.Column<string>(type: "TEXT", nullable: false),
            LifetimePnl = t.Column<decimal>(type: "TEXT", nullable: false),
            Record = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Valhalla", x => x.AgentId));

        b.CreateTable("Orders", t => new
        {
            ClOrdId = t.Column<string>(type: "TEXT", nullable: false),
            AgentId = t.Column<int>(type: "INTEGER", nullable: false),
            State = t.Column<string>(type: "TEXT", nullable: false),
            OrdId = t.Column<string>(type: "TEXT", nullable: true),
            CreatedMs = t.Column<long>(type: "INTEGER", nullable: false),
            Entry = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Orders", x => x.ClOrdId));
        b.CreateIndex("IX_Orders_State", "Orders", "State");

        b.CreateTable("EngineState", t => new
        {
            Id = t.Column<int>(type: "INTEGER", nullable: false),
            Supervisor = t.Column<string>(type: "TEXT", nullable: false),
            Mastermind = t.Column<string>(type: "TEXT", nullable: false),
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            TakenAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_EngineState", x => x.Id));

        b.CreateTable("MastermindDecisions", t => new
        {
            Number = t.Column<long>(type: "INTEGER", nullable: false),
            TimestampMs = t.Column<long>(type: "INTEGER", nullable: false),
            Kind = t.Column<string>(type: "TEXT", nullable: false),
            AgentId = t.Column<int>(type: "INTEGER", nullable: true),
            InstId = t.Column<string>(type: "TEXT", nullable: true),
            Amount = t.Column<decimal>(type: "TEXT", nullable: false),
            PoolAfter = t.Column<decimal>(type: "TEXT", nullable: false),
            Reason = t.Column<string>(type: "TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MastermindDecisions", x => x.Number));

        b.CreateTable("Checkpoints", t => new
        {
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            TakenAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            Cycle = t.Column<long>(type: "INTEGER", nullable: false),
            Agents = t.Column<int>(type: "INTEGER", nullable: false),
            LastTradeId = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Checkpoints", x => x.Version));

        b.CreateTable("Snapshots", t => new
        {
            Version = t.Column<long>(type: "INTEGER", nullable: false),
            File = t.Column<string>(type: "TEXT", nullable: false),
            Sha256 = t.Column<string>(type: "TEXT", nullable: false),
            Bytes = t.Column<long>(type: "INTEGER", nullable: false),
            TakenAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            Cycle = t.Column<long>(type: "INTEGER", nullable: false),
            LastTradeId = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Snapshots", x => x.Version));

        b.CreateTable("RecoveryLog", t => new
        {
            Id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            Decision = t.Column<string>(type: "TEXT", nullable: false),
            Report = t.Column<string>(type: "TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_RecoveryLog", x => x.Id));

        b.CreateTable("AuditLog", t => new
        {
            Id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            RecordedAtMs = t.Column<long>(type: "INTEGER", nullable: false),
            Actor = t.Column<string>(type: "TEXT", nullable: false),
            Action = t.Column<string>(type: "TEXT", nullable: false),
            Detail = t.Column<string>(type: "TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AuditLog", x => x.Id));

        b.CreateTable("Counters", t => new
        {
            Name = t.Column<string>(type: "TEXT", nullable: false),
            Value = t.Column<long>(type: "INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Counters", x => x.Name));
    }

    protected override void Down(MigrationBuilder b)
    {
        foreach (var table in new[] { "Trades", "Events", "Agents", "Ledgers", "Valhalla", "Orders", "EngineState", "MastermindDecisions",
                     "Checkpoints", "Snapshots", "RecoveryLog", "AuditLog", "Counters" })
            b.DropTable(table);
    }
}
