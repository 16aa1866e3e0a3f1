using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Schema = Prometheus.Engine.Persistence.Migrations;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>Funding records through the real store: written with their ledger, read back by every path that rebuilds the engine.</summary>
public class FundingRoundTripTests
{
    private static Supervisor Restore(FundingScenario s, LoadedState loaded) =>
        Supervisor.Restore(s.Options, s.Exchange, s.Clock, new Random(1), loaded.State, loaded.Records, loaded.Funding);

    private static void AssertSameBooks(Supervisor expected, Supervisor actual)
    {
        Assert.Equal(expected.Ledger.ComputeHash(), actual.Ledger.ComputeHash());
        Assert.Equal(expected.Ledger.Funding, actual.Ledger.Funding);
        Assert.Equal(expected.Ledger.FundingTotal, actual.Ledger.FundingTotal);
        Assert.Equal(expected.Ledger.NextFundingId, actual.Ledger.NextFundingId);
        foreach (var ledger in expected.Ledger.PrivateLedgers.Values)
        {
            var twin = actual.Ledger.Private(ledger.AgentId);
            Assert.Equal(ledger.FundingPaid, twin.FundingPaid);
            Assert.Equal(ledger.Funding, twin.Funding);
            Assert.Equal(ledger.Capital, twin.Capital);
            Assert.Equal(ledger.Pnl(expected.Marks), twin.Pnl(expected.Marks));
        }
    }

    [Fact]
    public async Task After_a_graceful_stop_the_restored_ledgers_hold_the_same_funding_records_hash_and_funding_paid()
    {
        using var s = new FundingScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count >= 40);
        await s.StopAsync();

        s.Store.Dispose();
        using var reader = s.Reader();
        var restored = Restore(s, reader.Load());

        AssertSameBooks(s.Supervisor, restored);
        Assert.Contains(restored.Ledger.PrivateLedgers.Values, l => l.FundingPaid > 0m);
        Assert.Contains(restored.Ledger.PrivateLedgers.Values, l => l.FundingPaid < 0m);
        foreach (var ledger in restored.Ledger.PrivateLedgers.Values)
            Assert.Equal(ledger.InitialCapital + ledger.Funded + ledger.RealizedPnl + ledger.UnrealizedPnl(restored.Marks),
                ledger.Capital + ledger.PositionValue(restored.Marks) + ledger.FeesPaid + ledger.FundingPaid);
    }

    [Fact]
    public async Task Without_a_checkpoint_funding_shares_come_back_from_their_journalled_events()
    {
        // No checkpoint or snapshot after the first save: the restore is the journal replayed, the shares' events among it.
        using var s = new FundingScenario(checkpoints: false);
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count >= 20);
        var dead = s.Supervisor;

        using var reader = s.Reader();
        var loaded = reader.Load();
        var restored = Restore(s, loaded);

        Assert.Equal(dead.Ledger.Funding, loaded.Funding);
        Assert.All(loaded.State.Ledgers, l => Assert.Equal(dead.Ledger.Private(l.AgentId).FundingPaid, l.FundingPaid));
        AssertSameBooks(dead, restored);
    }

    [Fact]
    public async Task The_state_at_a_moment_before_a_settlement_has_none_of_its_funding_and_a_copy_of_a_later_one_keeps_it()
    {
        using var s = new FundingScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count > 0);
        var first = s.Supervisor.Ledger.Funding.Count;
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count > first);
        await s.StopAsync();
        var then = s.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var hashThen = s.Supervisor.Ledger.ComputeHash();
        var fundingThen = s.Supervisor.Ledger.Funding.ToList();
        // Before the second settlement: the first only.
        var between = s.Supervisor.Ledger.Funding[first].FundingTimeMs - 1;
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count > fundingThen.Count);
        await s.StopAsync();
        s.Store.Dispose();

        LoadedState atThen, atBetween;
        using (var reader = s.Reader())
        {
            atThen = reader.Load(then);
            atBetween = reader.Load(between);
        }
        Assert.Equal(fundingThen, atThen.Funding);
        Assert.Equal(hashThen, Restore(s, atThen).Ledger.ComputeHash());
        Assert.Equal(fundingThen.Take(first), atBetween.Funding);
        var restoredBetween = Restore(s, atBetween);
        Assert.All(restoredBetween.Ledger.PrivateLedgers.Values, l => Assert.Equal(l.Funding.Sum(f => f.Paid), l.FundingPaid));

        // recover --at ... --into: the state then, seeded into a new data dir with its records, restores to the same books.
        var copy = Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = EngineStore.Open(copy, s.Clock, s.Persistence))
                store.Seed(atThen.State, atThen.Records, atThen.Funding);
            using var reader = StoreReader.Open(copy);
            var copied = reader.Load();
            Assert.Equal(fundingThen, copied.Funding);
            Assert.Equal(hashThen, Restore(s, copied).Ledger.ComputeHash());
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_write_of_a_stored_share_changes_nothing_in_the_store()
    {
        using var s = new FundingScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count > 0);
        await s.StopAsync();
        var record = s.Supervisor.Ledger.Funding[0];
        var ledger = s.Supervisor.Ledger.Private(record.AgentId).Save();
        var version = s.Store.Version;
        (int Funding, int Events, string Ledger) Stored()
        {
            using var db = s.Store.CreateContext();
            return (db.Funding.Count(), db.Events.Count(), db.Ledgers.Single(l => l.AgentId == record.AgentId).State);
        }
        var before = Stored();

        // The same share again, and the same share under another id with a ledger that would count it twice.
        s.Store.FundingBooked(record, ledger);
        s.Store.FundingBooked(record with { FundingId = 9_999 }, ledger with { Capital = ledger.Capital - record.Paid, FundingPaid = ledger.FundingPaid + record.Paid });

        Assert.Equal(before, Stored());
        Assert.Equal(version, s.Store.Version);
    }

    [Fact]
    public async Task A_database_of_the_previous_version_without_the_funding_table_migrates_on_open_and_restores()
    {
        // A lived-in engine as the previous version kept it: trades, no funding.
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 20);
        await s.StopAsync();
        var hash = s.Supervisor.Ledger.ComputeHash();
        s.Store.Dispose();
        var path = Path.Combine(s.DataDir, EngineStore.FileName);
        // Back to the schema the previous version wrote: the Funding migration undone, its table gone.
        using (var connection = Sqlite.Connect(path, SqliteOpenMode.ReadWrite))
        using (var context = new EngineDbContext(EngineDbContext.OptionsFor(connection)))
            context.GetService<IMigrator>().Migrate(Schema.Reconciliation.Id);
        Assert.DoesNotContain(Schema.Funding.Id, AppliedMigrations(path));
        Assert.False(HasTable(path, "Funding"));

        using var store = EngineStore.Open(s.DataDir, s.Engine.Clock, s.Persistence);

        Assert.Equal(EngineStore.KnownMigrations(), AppliedMigrations(path));
        Assert.True(HasTable(path, "Funding"));
        using (var reader = StoreReader.Open(s.DataDir))
        {
            var loaded = reader.Load();
            Assert.Empty(loaded.Funding);
            Assert.All(loaded.State.Ledgers, l => Assert.Equal(0m, l.FundingPaid));
            var restored = Supervisor.Restore(s.Engine.Options, s.Engine.Exchange, s.Engine.Clock, new Random(1), loaded.State, loaded.Records, loaded.Funding);
            Assert.Equal(hash, restored.Ledger.ComputeHash());
        }
        // And it keeps funding from now on.
        var agent = s.Supervisor.Living[0].Id;
        var share = new FundingRecord(1, agent, TestInstruments.BtcUsdtSwap.InstId, PositionSide.Long, 1_672_646_400_000, 1m, 0.0001m, 16_717.8m,
            0.00167178m, "1");
        store.FundingBooked(share, s.Supervisor.Ledger.Private(agent).Save());
        using (var reader = StoreReader.Open(s.DataDir))
            Assert.Equal([share], reader.Funding());
    }

    private static List<string> AppliedMigrations(string path)
    {
        using var connection = Sqlite.Connect(path, SqliteOpenMode.ReadOnly);
        return Sqlite.Read(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId", r => r.GetString(0));
    }

    private static bool HasTable(string path, string table)
    {
        using var connection = Sqlite.Connect(path, SqliteOpenMode.ReadOnly);
        return Sqlite.Read(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $p0", r => r.GetInt64(0), table)[0] > 0;
    }
}
