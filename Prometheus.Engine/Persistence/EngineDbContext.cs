using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Prometheus.Engine.Persistence.Rows;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine's SQLite database (&lt;DataDir&gt;/prometheus.db). The schema is the hand-written migrations in
/// Migrations/ (EF Core Design is not in the package registry here, so they are not generated): a change to a row
/// class needs a new migration, for each provider (<see cref="PostgresEngineDbContext"/> has its own set). Money columns
/// are TEXT holding the invariant decimal exactly as written, scale kept ("1.50" stays "1.50"), on both providers: the
/// store's prepared statements write them so, and EF Core writes them so through the converter set here (its SQLite
/// provider would otherwise normalise the scale, "1.50" to "1.5").
/// </summary>
public class EngineDbContext : DbContext
{
    public EngineDbContext(DbContextOptions<EngineDbContext> options) : base(options) { }

    /// <summary>For a provider's own context type: EF keys its migrations by the context type.</summary>
    protected EngineDbContext(DbContextOptions options) : base(options) { }

    public DbSet<TradeRow> Trades => Set<TradeRow>();
    public DbSet<FundingRow> Funding => Set<FundingRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<AgentRow> Agents => Set<AgentRow>();
    public DbSet<LedgerRow> Ledgers => Set<LedgerRow>();
    public DbSet<FallenRow> Valhalla => Set<FallenRow>();
    public DbSet<OrderRow> Orders => Set<OrderRow>();
    public DbSet<EngineStateRow> EngineState => Set<EngineStateRow>();
    public DbSet<DecisionRow> MastermindDecisions => Set<DecisionRow>();
    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();
    public DbSet<SnapshotRow> Snapshots => Set<SnapshotRow>();
    public DbSet<RecoveryLogRow> RecoveryLog => Set<RecoveryLogRow>();
    public DbSet<AuditRow> AuditLog => Set<AuditRow>();
    public DbSet<CounterRow> Counters => Set<CounterRow>();
    public DbSet<OrphanRow> Orphans => Set<OrphanRow>();
    public DbSet<ReconciliationItemRow> ReconciliationItems => Set<ReconciliationItemRow>();
    public DbSet<EquityRow> EquityPoints => Set<EquityRow>();

    public static DbContextOptions<EngineDbContext> OptionsFor(string connectionString) =>
        Configure(new DbContextOptionsBuilder<EngineDbContext>().UseSqlite(connectionString));

    /// <summary>Options on an open connection (the store migrates through its own).</summary>
    public static DbContextOptions<EngineDbContext> OptionsFor(System.Data.Common.DbConnection connection) =>
        Configure(new DbContextOptionsBuilder<EngineDbContext>().UseSqlite(connection));

    // Migrations are written by hand, without a model snapshot: EF cannot diff, so it must not warn.
    internal static DbContextOptions<T> Configure<T>(DbContextOptionsBuilder<T> builder) where T : DbContext =>
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options;

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<TradeRow>(e =>
        {
            e.ToTable("Trades");
            e.HasKey(t => t.TradeId);
            e.Property(t => t.TradeId).ValueGeneratedNever();
            e.HasIndex(t => new { t.InstId, t.ExchangeTradeId }).IsUnique();
            e.HasIndex(t => t.AgentId);
        });
        model.Entity<FundingRow>(e =>
        {
            e.ToTable("Funding");
            e.HasKey(f => f.FundingId);
            e.Property(f => f.FundingId).ValueGeneratedNever();
            e.HasIndex(f => new { f.InstId, f.FundingTimeMs, f.PosSide, f.AgentId }).IsUnique();
            e.HasIndex(f => f.AgentId);
        });
        model.Entity<EventRow>(e =>
        {
            e.ToTable("Events");
            e.HasKey(x => x.Version);
            e.Property(x => x.Version).ValueGeneratedNever();
            e.HasIndex(x => x.RecordedAtMs);
        });
        model.Entity<AgentRow>(e =>
        {
            e.ToTable("Agents");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
        });
        model.Entity<LedgerRow>(e =>
        {
            e.ToTable("Ledgers");
            e.HasKey(l => l.AgentId);
            e.Property(l => l.AgentId).ValueGeneratedNever();
        });
        model.Entity<FallenRow>(e =>
        {
            e.ToTable("Valhalla");
            e.HasKey(f => f.AgentId);
            e.Property(f => f.AgentId).ValueGeneratedNever();
        });
        model.Entity<OrderRow>(e =>
        {
            e.ToTable("Orders");
            e.HasKey(o => o.ClOrdId);
            e.HasIndex(o => o.State);
        });
        model.Entity<EngineStateRow>(e =>
        {
            e.ToTable("EngineState");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
        });
        model.Entity<DecisionRow>(e =>
        {
            e.ToTable("MastermindDecisions");
            e.HasKey(d => d.Number);
            e.Property(d => d.Number).ValueGeneratedNever();
        });
        model.Entity<CheckpointRow>(e =>
        {
            e.ToTable("Checkpoints");
            e.HasKey(c => c.Version);
            e.Property(c => c.Version).ValueGeneratedNever();
        });
        model.Entity<SnapshotRow>(e =>
        {
            e.ToTable("Snapshots");
            e.HasKey(s => s.Version);
            e.Property(s => s.Version).ValueGeneratedNever();
        });
        model.Entity<RecoveryLogRow>(e =>
        {
            e.ToTable("RecoveryLog");
            e.HasKey(r => r.Id);
        });
        model.Entity<AuditRow>(e =>
        {
            e.ToTable("AuditLog");
            e.HasKey(a => a.Id);
        });
        model.Entity<CounterRow>(e =>
        {
            e.ToTable("Counters");
            e.HasKey(c => c.Name);
        });
        model.Entity<OrphanRow>(e =>
        {
            e.ToTable("Orphans");
            e.HasKey(o => o.Id);
        });
        model.Entity<ReconciliationItemRow>(e =>
        {
            e.ToTable("ReconciliationItems");
            e.HasKey(i => i.Id);
        });
        model.Entity<EquityRow>(e =>
        {
            e.ToTable("EquityPoints");
            e.HasKey(p => new { p.AgentId, p.TimeMs });
        });
        foreach (var property in model.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
                     .Where(p => p.ClrType == typeof(decimal) || p.ClrType == typeof(decimal?)))
        {
            property.SetValueConverter(new NumberToStringConverter<decimal>());
            property.SetColumnType("TEXT");
        }
    }
}
