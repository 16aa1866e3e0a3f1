using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>Restored equals saved, field by field, through the real store: snapshots, events, trade rows; on each provider.</summary>
public class EngineStoreRoundTripTests
{
    private static bool LivedIn(Supervisor s) =>
        s.Valhalla.Count >= 3 && s.Ledger.Records.Count >= 50 && s.Births >= 2
        && s.Living.Any(a => a.InLastStand || a.Medals != Engine.Agents.Medals.None);

    private static Supervisor Restore(StoreScenario s, LoadedState loaded) =>
        Supervisor.Restore(s.Engine.Options, s.Engine.Exchange, s.Engine.Clock, new Random(1), loaded.State, loaded.Records);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_checkpoint_leaves_out_an_unchanged_risk_log_and_the_restore_keeps_the_last_one_saved(StoreProvider provider)
    {
        using var s = new StoreScenario(o => o.Risk.MaxDailyTrades = 3, provider: provider);
        await s.RunUntilAsync(sup => sup.RiskLog.Total > 0);
        var changed = s.Supervisor.CaptureCheckpoint();
        var unchanged = s.Supervisor.CaptureCheckpoint(); // nothing was denied in between

        Assert.NotNull(changed.Supervisor.RiskLog);
        Assert.Null(unchanged.Supervisor.RiskLog);
        s.Store.Checkpoint(changed);
        s.Store.Checkpoint(unchanged);
        await s.Store.FlushAsync();
        using var reader = s.Reopen();
        var restored = Restore(s, reader.Load());
        Assert.Equal(s.Supervisor.RiskLog.Total, restored.RiskLog.Total);
        Assert.Equal(s.Supervisor.RiskLog.Recent, restored.RiskLog.Recent);
    }

    [Fact]
    public async Task A_state_saved_with_a_spot_and_a_swap_mark_restores_them_as_the_btc_marks()
    {
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 10);
        var state = s.Supervisor.CaptureSnapshot().Supervisor;
        var node = System.Text.Json.Nodes.JsonNode.Parse(EngineJson.Serialize(state))!.AsObject();
        var marks = node["marks"]!.AsObject();
        Assert.Equal(["BTC-USDT", "BTC-USDT-SWAP"], marks.Select(m => m.Key));
        // As states were written before instruments were data: two named fields, no dictionary.
        node["spotMark"] = marks["BTC-USDT"]!.GetValue<decimal>() + 1m;
        node["swapMark"] = marks["BTC-USDT-SWAP"]!.GetValue<decimal>();
        node.Remove("marks");

        var legacy = EngineJson.Deserialize<SupervisorState>(node.ToJsonString());

        Assert.Equal(state.Marks!["BTC-USDT"] + 1m, legacy.MarksBySymbol["BTC-USDT"]);
        Assert.Equal(state.Marks!["BTC-USDT-SWAP"], legacy.MarksBySymbol["BTC-USDT-SWAP"]);
        Assert.DoesNotContain("spotMark", EngineJson.Serialize(state), StringComparison.Ordinal); // new saves write the dictionary only
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task After_a_graceful_stop_the_restored_engine_equals_the_saved_one_field_by_field(StoreProvider provider)
    {
        using var s = new StoreScenario(provider: provider);
        await s.RunUntilAsync(LivedIn);
        await s.StopAsync();
        var expected = EngineJson.Serialize(s.Supervisor.CaptureSnapshot() with { TakenAtMs = 0 });

        using var reader = s.Reopen();
        var loaded = reader.Load();
        var restored = Restore(s, loaded);

        Assert.Equal(expected, EngineJson.Serialize(restored.CaptureSnapshot() with { TakenAtMs = 0 }));
        Assert.Equal(s.Supervisor.Ledger.ComputeHash(), restored.Ledger.ComputeHash());
        Assert.Equal(s.Supervisor.Equity, restored.Equity);
        Assert.Equal(s.Supervisor.Mastermind.Pool, restored.Mastermind.Pool);
        Assert.Equal(s.Supervisor.Mastermind.History, restored.Mastermind.History);
        Assert.Equal(s.Supervisor.Valhalla.Fallen, restored.Valhalla.Fallen);
        Assert.Equal(s.Supervisor.ClOrdIds.NextSequence, restored.ClOrdIds.NextSequence);
        foreach (var agent in s.Supervisor.Agents.Values)
        {
            var twin = restored.Agents[agent.Id];
            Assert.Equal(agent.Emotions, twin.Emotions);
            Assert.Equal(agent.Medals, twin.Medals);
            Assert.Equal(agent.LastStandSinceMs, twin.LastStandSinceMs);
            Assert.Equal(EngineJson.Serialize(agent.Save()), EngineJson.Serialize(twin.Save()));
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Without_a_last_checkpoint_every_committed_booking_and_agent_is_restored(StoreProvider provider)
    {
        using var s = new StoreScenario(provider: provider);
        await s.RunUntilAsync(LivedIn);
        // Bookings after the last checkpoint: written one by one, as a crash would find them.
        var before = s.Supervisor.Ledger.Records.Count;
        for (var i = 0; i < 2_000 && s.Supervisor.Ledger.Records.Count < before + 5; i++)
            await s.Engine.StepAsync();
        var records = s.Supervisor.Ledger.Records.ToList();

        using var reader = s.Reopen();
        var committedAgents = reader.Agents();
        var committedLedgers = reader.Ledgers();
        var loaded = reader.Load();
        var restored = Restore(s, loaded);

        Assert.Equal(records, restored.Ledger.Records);
        Assert.Equal(records.Count, restored.Ledger.Records.Select(r => (r.InstId, r.ExchangeTradeId)).Distinct().Count());
        Assert.Equal(EngineJson.Serialize(committedAgents), EngineJson.Serialize(loaded.State.Agents));
        Assert.Equal(EngineJson.Serialize(committedLedgers), EngineJson.Serialize(loaded.State.Ledgers.Select(l => l with
        {
            Reservations = committedLedgers.First(c => c.AgentId == l.AgentId).Reservations,
        })));
        foreach (var ledger in restored.Ledger.PrivateLedgers.Values)
            Assert.Equal(ledger.InitialCapital + ledger.Funded + ledger.RealizedPnl + ledger.UnrealizedPnl(restored.Marks),
                ledger.Capital + ledger.PositionValue(restored.Marks) + ledger.FeesPaid);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_corrupt_newest_snapshot_falls_back_to_the_previous_one_and_says_so(StoreProvider provider)
    {
        using var s = new StoreScenario(provider: provider);
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 40, snapshotEvery: 50);
        await s.StopAsync();
        var expected = EngineJson.Serialize(s.Supervisor.CaptureSnapshot() with { TakenAtMs = 0 });

        using var reader = s.Reopen();
        var snapshots = reader.Snapshots();
        Assert.True(snapshots.Count >= 2, "two snapshots at least");
        var newest = Path.Combine(s.DataDir, SnapshotFiles.Folder, snapshots[0].File);
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(newest, bytes);

        var loaded = reader.Load();

        Assert.Equal(snapshots[1].File, loaded.Snapshot.Used);
        var skipped = Assert.Single(loaded.Snapshot.Skipped);
        Assert.Equal(snapshots[0].File, skipped.File);
        Assert.Contains("checksum mismatch", skipped.Reason);
        Assert.Equal(expected, EngineJson.Serialize(Restore(s, loaded).CaptureSnapshot() with { TakenAtMs = 0 }));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Only_the_newest_snapshots_and_the_point_in_time_anchor_are_kept(StoreProvider provider)
    {
        using var s = new StoreScenario(persistence: new PersistenceOptions { SnapshotsKept = 3, PointInTimeHours = 24 }, provider: provider);
        await s.RunUntilAsync(sup => sup.Cycle >= 1_200, snapshotEvery: 40);
        await s.StopAsync();

        using var reader = s.Reopen();
        var snapshots = reader.Snapshots();
        // The scenario's wall clock is market time (15 minutes a bar, a snapshot every 10 hours): the anchor is the newest
        // snapshot at least 24 hours old, and the three newest are kept besides.
        Assert.Equal(4, snapshots.Count);
        Assert.Equal(snapshots.Select(r => r.File).Order(), Directory.GetFiles(Path.Combine(s.DataDir, SnapshotFiles.Folder)).Select(Path.GetFileName).Order());
        var anchor = snapshots[^1];
        Assert.InRange(s.Engine.Clock.GetUtcNow().ToUnixTimeMilliseconds() - anchor.RecordedAtMs, 24 * 3_600_000L, 34 * 3_600_000L);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_state_at_a_past_moment_is_what_a_crash_then_would_have_left(StoreProvider provider)
    {
        using var s = new StoreScenario(provider: provider);
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 30, snapshotEvery: 150);
        await s.StopAsync();
        var then = s.Engine.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expected = EngineJson.Serialize(s.Supervisor.CaptureSnapshot() with { TakenAtMs = 0 });
        var recordsThen = s.Supervisor.Ledger.Records.ToList();
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= recordsThen.Count + 30, snapshotEvery: 150);
        await s.StopAsync();

        using var reader = s.Reopen();
        var loaded = reader.Load(then);

        Assert.Equal(recordsThen, loaded.Records);
        Assert.Equal(expected, EngineJson.Serialize(Restore(s, loaded).CaptureSnapshot() with { TakenAtMs = 0 }));
        // Here the store's clock is the market's: the last save by that market time is the stop's checkpoint.
        Assert.Equal(then, reader.WallTimeAtMarket(then));
        Assert.Null(reader.WallTimeAtMarket(0));
    }
}
