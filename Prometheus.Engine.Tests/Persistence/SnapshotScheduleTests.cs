using Prometheus.Engine.Persistence;
using Prometheus.Engine.Tests.Recovery;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// Full snapshots on schedule (Prometheus:Persistence:SnapshotEveryCycles, SnapshotIntervalMinutes), counted from the
/// last snapshot saved; the newest SnapshotsKept kept and the journal behind the oldest kept pruned; so what a restart
/// replays stays bounded however long the engine has run.
/// </summary>
public class SnapshotScheduleTests
{
    /// <summary>One number from the store, on either provider.</summary>
    private static long Scalar(StoreLocation location, string sql)
    {
        using var connection = location.Connect(readOnly: true);
        return StoreSql.Scalar(connection, sql) is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0L;
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Snapshots_are_taken_on_schedule_and_the_journal_is_pruned(StoreProvider provider)
    {
        var persistence = new PersistenceOptions { SnapshotEveryCycles = 200, SnapshotIntervalMinutes = 7 * 24 * 60, SnapshotsKept = 3, PointInTimeHours = 0 };
        await using var served = new ServedEngine(persistence: persistence, provider: provider);
        await served.StartAsync();
        await served.UntilAsync(s => s.Cycle >= 1_500 && s.Ledger.Records.Count > 0);
        await served.StopAsync();

        using var reader = served.Reader();
        var kept = reader.Snapshots();
        Assert.Equal(3, kept.Count);
        // Every 200 cycles exactly, the newest within the last 200.
        Assert.Equal([200L, 200L], kept.Zip(kept.Skip(1), (newer, older) => newer.Cycle - older.Cycle));
        Assert.InRange(kept[0].Cycle, 1_400, 1_600);
        Assert.Equal(kept.Select(k => k.File).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(Path.Combine(served.DataDir, SnapshotFiles.Folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The journal behind the oldest kept snapshot is gone; everything after it is there for any kept one to replay.
        var oldest = kept[^1].Version;
        Assert.True(Scalar(served.Location, "SELECT min(Version) FROM Events") > oldest);
        Assert.Equal(0, Scalar(served.Location, $"SELECT count(*) FROM Checkpoints WHERE Version < {oldest}"));
        var loaded = reader.Load();
        Assert.Equal(kept[0].File, loaded.Snapshot.Used);
        Assert.Equal(Scalar(served.Location, $"SELECT count(*) FROM Events WHERE Version > {kept[0].Version}"), loaded.EventsReplayed);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_restart_does_not_put_the_next_snapshot_off(StoreProvider provider)
    {
        var persistence = new PersistenceOptions { SnapshotEveryCycles = 200, SnapshotIntervalMinutes = 7 * 24 * 60 };
        await using var served = new ServedEngine(persistence: persistence, provider: provider);
        await served.StartAsync();
        await served.UntilAsync(s => s.Cycle >= 150);
        await served.StopAsync();
        var stopped = served.Started!.Supervisor.Cycle; // the loop runs on while it is told to stop: where it really stopped
        using (var reader = served.Reader())
            Assert.All(reader.Snapshots(), s => Assert.Equal(0, s.Cycle % 200));

        await served.StartAsync();
        await served.UntilAsync(s => s.Cycle >= stopped + 260);
        await served.StopAsync();

        // Every 200 cycles from the first start's, across the restart: the first after it is at the next multiple of 200,
        // not 200 cycles after the restart.
        using (var reader = served.Reader())
        {
            var cycles = reader.Snapshots().Select(s => s.Cycle).Order().ToList();
            Assert.Equal(Enumerable.Range(0, cycles.Count).Select(i => cycles[0] + 200L * i), cycles); // the oldest may be pruned
            Assert.Contains((stopped / 200 + 1) * 200, cycles);
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Restart_after_a_long_journal_replays_only_the_tail(StoreProvider provider)
    {
        // A run with no snapshot after its first: everything it did is journal behind that one.
        var persistence = new PersistenceOptions { SnapshotEveryCycles = 10_000_000, SnapshotIntervalMinutes = 7 * 24 * 60 };
        await using var served = new ServedEngine(persistence: persistence, provider: provider);
        await served.StartAsync();
        await served.UntilAsync(s => s.Cycle >= 3_000 && s.Ledger.Records.Count >= 50);
        await served.StopAsync();
        var journal = Scalar(served.Location, "SELECT count(*) FROM Events");

        // Restarted with a schedule: it replays that whole journal once, and snapshots at its first cycle.
        persistence.SnapshotEveryCycles = 300;
        var first = await served.StartAsync();
        Assert.Equal(journal, first.Report.Snapshot.EventsReplayed);
        Assert.Null(await served.Loop!.ConfirmAsync());
        var cycle = await served.Loop.QueryAsync(s => s.Cycle);
        await served.UntilAsync(s => s.Cycle >= cycle + 400);
        var killed = served.KilledCopy(); // then dies, mid-run
        await served.StopAsync();
        served.UseDataDir(killed);
        long newest, tail;
        using (var reader = served.Reader())
        {
            newest = reader.Snapshots()[0].Version;
            tail = Scalar(served.Location, $"SELECT count(*) FROM Events WHERE Version > {newest}");
        }

        var second = await served.StartAsync();

        Assert.Equal(SnapshotFiles.FileName(newest), second.Report.Snapshot.Used);
        Assert.Equal(tail, second.Report.Snapshot.EventsReplayed);
        Assert.True(tail < journal / 3, $"replayed {tail} events of a journal of {journal}");
    }
}
