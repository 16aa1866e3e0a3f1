using Prometheus.Engine.Market;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Startup;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Times a restart against a long journal, in a temporary data dir. The store is what a long run of 100 agents leaves: each
/// cycle one order journalled three times (intended, accepted, filled) and its fill booked (trade row, ledger, agent, event),
/// a checkpoint every 5 cycles; <c>journalEvents</c> events in all, every one behind the only snapshot (the first start's).
/// What is timed is the restore path a start takes up to ready, as the restore figure is: the newest snapshot, the journal
/// replayed on it, every trade row, the Supervisor rebuilt, the ledgers verified (the reconciliation with the exchange
/// depends on the exchange's fills, not on the journal, and is timed on its own).
/// Then the same run as the snapshot schedule leaves it: one more snapshot at the last multiple of
/// <c>snapshotEveryCycles</c>, so a restart replays only the tail behind it (the trade rows are still all read).
/// </summary>
public static class RestartBench
{
    /// <summary>The symbol the synthetic records are on (the default swap).</summary>
    private static readonly string BenchSymbol = new EngineOptions().Traded.First(i => i.Kind == InstrumentKind.Swap).InstId;

    private const int EventsPerCycle = 4, CheckpointEvery = 5;
    private const long StartMs = 1_700_000_000_000;

    public static BenchRestart Run(EngineOptions options, int journalEvents = 1_000_000, int agents = 100, int snapshotEveryCycles = 5_000,
        CancellationToken ct = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "prometheus-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var supervisor = PersistenceBench.NewPopulation(options, agents);
            var wall = new MarketClock(DateTimeOffset.FromUnixTimeMilliseconds(StartMs));
            using (var store = EngineStore.Open(dir, wall, new PersistenceOptions()))
                store.Seed(supervisor.CaptureSnapshot(), []);
            var run = WriteJournal(dir, supervisor, journalEvents, snapshotEveryCycles, ct);

            var (seconds, replayed) = TimeRestart(dir, options, run.Trades);
            if (replayed != run.Events)
                throw new InvalidOperationException($"The restart replayed {replayed} events, not {run.Events}.");

            WriteScheduledSnapshot(dir, run);
            var (scheduledSeconds, tail) = TimeRestart(dir, options, run.Trades);
            return new BenchRestart(agents, run.Events, run.Trades, seconds,
                new BenchRestartScheduled(snapshotEveryCycles, run.Cycles, run.Events, tail, scheduledSeconds));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>What the synthetic run wrote, and where the schedule's last snapshot falls in it (a store version left free for it).</summary>
    private sealed record JournalRun(long Events, int Trades, long Cycles, long SnapshotVersion, long SnapshotCycle, long SnapshotAtMs);

    private static JournalRun WriteJournal(string dir, Supervisor supervisor, int journalEvents, int snapshotEveryCycles, CancellationToken ct)
    {
        var agents = supervisor.Living.Select(a => (State: a.Save(), Ledger: supervisor.Ledger.Private(a.Id).Save())).ToList();
        var state = supervisor.CaptureCheckpoint();
        var cycles = (journalEvents - 1) / (EventsPerCycle + 1.0 / CheckpointEvery);
        var boundary = (long)(cycles / snapshotEveryCycles) * snapshotEveryCycles; // the schedule's last snapshot before the end
        long version = 2, events = 0, cycle = 0, snapshotVersion = 0, snapshotAtMs = 0;
        var trades = 0;
        using var connection = Persistence.Sqlite.Connect(Path.Combine(dir, EngineStore.FileName), SqliteOpenMode.ReadWrite);
        using var commands = new StoreCommands(connection);
        commands.InTransaction(() =>
        {
            void Event(string kind, object payload) => commands.Event(version++, StartMs + ++events, kind, EngineJson.Serialize(payload));

            while (events < journalEvents)
            {
                if (cycle == boundary && snapshotVersion == 0)
                {
                    snapshotVersion = version++;
                    snapshotAtMs = StartMs + events;
                }
                if (events % 100_000 < EventsPerCycle) ct.ThrowIfCancellationRequested();
                var now = StartMs + cycle * 900_000;
                var (agent, ledger) = agents[(int)(cycle % agents.Count)];
                var clOrdId = string.Create(CultureInfo.InvariantCulture, $"p{agent.Id}x{cycle + 1}");
                var request = new OrderRequest(BenchSymbol, clOrdId, cycle % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, PositionSide.Long,
                    OrderType.Market, 1.5m);
                foreach (var (step, ordId) in new[] { (JournalState.Intended, (string?)null), (JournalState.Accepted, "o"), (JournalState.Filled, "o") })
                {
                    var entry = new JournalEntryState(agent.Id, clOrdId, request, TradeOrigin.Decision, 0.42, now, step, ordId is null ? null : ordId + cycle);
                    if (step == JournalState.Filled) commands.Order(entry, version, StartMs + events);
                    Event(EventKinds.Journal, new JournalEvent(entry, cycle + 2));
                }
                var record = Record(++trades, agent.Id, clOrdId, now);
                commands.Trade(record, version, StartMs + events);
                Event(EventKinds.Booked, new BookedEvent(record, ledger, agent));
                if (++cycle % CheckpointEvery == 0)
                {
                    var changed = Enumerable.Range(0, CheckpointEvery).Select(k => agents[(int)((cycle - 1 - k) % agents.Count)]).ToList();
                    Event(EventKinds.Checkpoint, new CheckpointEvent(now, trades, state.Supervisor with { Cycle = cycle }, state.Mastermind.Pool,
                        state.Mastermind.DecisionCount, [], [.. changed.Select(c => c.State)], [.. changed.Select(c => c.Ledger)]));
                }
            }
        });
        return new JournalRun(events, trades, cycle, snapshotVersion, boundary, snapshotAtMs);
    }

    /// <summary>The snapshot the schedule would have taken at its last multiple of cycles: the state there, as a restore at that moment rebuilds it.</summary>
    private static void WriteScheduledSnapshot(string dir, JournalRun run)
    {
        EngineSnapshot state;
        using (var reader = StoreReader.Open(dir))
            state = reader.Load(run.SnapshotAtMs).State;
        var (file, sha, bytes) = SnapshotFiles.Write(dir, run.SnapshotVersion, state);
        using var connection = Persistence.Sqlite.Connect(Path.Combine(dir, EngineStore.FileName), SqliteOpenMode.ReadWrite);
        using var commands = new StoreCommands(connection);
        commands.InTransaction(() => commands.Snapshot(run.SnapshotVersion, file, sha, bytes, state.TakenAtMs, run.SnapshotAtMs, run.SnapshotCycle,
            state.LastTradeId));
    }

    /// <summary>The restore path a start takes up to ready; returns its seconds and how many journalled events it replayed.</summary>
    private static (double Seconds, long Replayed) TimeRestart(string dir, EngineOptions options, int trades)
    {
        var started = Stopwatch.GetTimestamp();
        using var reader = StoreReader.Open(dir);
        var loaded = reader.Load();
        var restored = Supervisor.Restore(options, EngineComposition.InMemorySimulatedExchange(options, TimeProvider.System, seed: 1), TimeProvider.System,
            new Random(1), loaded.State, loaded.Records, loaded.Funding);
        var verdict = LedgerVerification.Verify(restored.Ledger, exchangeFills: null);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (verdict.PublicRecords != trades)
            throw new InvalidOperationException($"The restart read {verdict.PublicRecords} trade records, not {trades}.");
        return (seconds, loaded.EventsReplayed);
    }

    private static TradeRecord Record(long id, int agentId, string clOrdId, long now) =>
        new(id, agentId, BenchSymbol, id % 2 == 1 ? TradeSide.Buy : TradeSide.Sell, PositionSide.Long, 1.5m, 43_210.5m + id % 1000,
            0.3240787500m, (id * 7).ToString(CultureInfo.InvariantCulture), clOrdId, id.ToString(CultureInfo.InvariantCulture), now, 0.42,
            id % 2 == 1 ? 0m : 1.25m, TradeOrigin.Decision);
}

/// <summary>
/// A restart with <see cref="JournalEvents"/> journalled events behind its newest snapshot (and <see cref="TradeRecords"/>
/// trade rows): seconds to restore up to ready; <see cref="Scheduled"/>: the same run with the snapshot schedule's snapshots.
/// </summary>
public sealed record BenchRestart(int Agents, long JournalEvents, int TradeRecords, double Seconds, BenchRestartScheduled Scheduled);

/// <summary>The same run (<see cref="RunCycles"/> cycles, <see cref="RunEvents"/> events) with a snapshot every
/// <see cref="SnapshotEveryCycles"/> cycles: only the tail behind the newest is replayed.</summary>
public sealed record BenchRestartScheduled(int SnapshotEveryCycles, long RunCycles, long RunEvents, long ReplayedEvents, double Seconds);
