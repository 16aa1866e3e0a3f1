using System.Threading.Channels;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Checkpoints, snapshots, audit and recovery entries: captured (and versioned) by the caller, written in order by one
/// background writer on its own connection, so the trading loop never waits for them. A write that fails stops the
/// engine at its next checkpoint: saving must not fail silently.
/// </summary>
public sealed partial class EngineStore : ICheckpointSink
{
    private readonly Channel<Func<StoreCommands, ValueTask>> _queue =
        Channel.CreateUnbounded<Func<StoreCommands, ValueTask>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _lastCheckpointAtMs = -1;
    private long _lastSnapshotAtMs = -1;
    private volatile Exception? _writeFailure;

    public long? LastCheckpointAtMs => Interlocked.Read(ref _lastCheckpointAtMs) is >= 0 and var at ? at : null;

    /// <summary>When the newest full snapshot became durable (Unix ms, wall clock): this process's, else the newest on disk at start; null before any.</summary>
    public long? LastSnapshotAtMs => Interlocked.Read(ref _lastSnapshotAtMs) is >= 0 and var at ? at : null;

    /// <summary>Called on the loop: versions the checkpoint now, writes it in the background.</summary>
    public void Checkpoint(EngineSnapshot checkpoint) => Checkpoint(checkpoint, []);

    /// <summary>Called on the loop: as <see cref="Checkpoint(EngineSnapshot)"/>, with the equity points taken at the same time, in its transaction.</summary>
    public void Checkpoint(EngineSnapshot checkpoint, IReadOnlyList<EquityMark> equity)
    {
        ThrowIfWriteFailed();
        var version = ++_version;
        var now = NowMs;
        var newDecisions = NewDecisions(checkpoint.Mastermind);
        Enqueue(commands =>
        {
            var m = checkpoint.Mastermind;
            var payload = new CheckpointEvent(checkpoint.TakenAtMs, checkpoint.LastTradeId, checkpoint.Supervisor,
                m.Pool, m.DecisionCount, newDecisions, checkpoint.Agents, checkpoint.Ledgers, m.InterventionMode, m.SpotShare, m.RiskAppetite);
            commands.InTransaction(() =>
            {
                WriteState(commands, checkpoint, version, newDecisions, now);
                commands.Checkpoint(version, checkpoint.TakenAtMs, now, checkpoint.Supervisor.Cycle, checkpoint.Agents.Count, checkpoint.LastTradeId);
                commands.Event(version, now, EventKinds.Checkpoint, EngineJson.Serialize(payload));
                foreach (var mark in equity) commands.Equity(mark);
            });
            Interlocked.Exchange(ref _lastCheckpointAtMs, NowMs);
        });
    }

    /// <summary>Called on the loop: versions the full snapshot now, writes its file and row in the background, then prunes.</summary>
    public void Snapshot(EngineSnapshot snapshot)
    {
        ThrowIfWriteFailed();
        var version = ++_version;
        var now = NowMs;
        Enqueue(commands =>
        {
            WriteSnapshot(commands, snapshot, version, now);
            Prune();
        });
    }

    public Task FlushAsync(CancellationToken ct = default) => RunOnWriterAsync(_ => { }, ct);

    /// <summary>Writes an audit entry (who did what, and why); completes once it is durable.</summary>
    public Task AuditAsync(string actor, string action, string detail, CancellationToken ct = default) =>
        RunOnWriterAsync(_ => Save(_background, db => db.AuditLog.Add(new Rows.AuditRow { RecordedAtMs = NowMs, Actor = actor, Action = action, Detail = detail })), ct);

    /// <summary>Writes a recovery report to the recovery log; completes once it is durable.</summary>
    public Task RecordRecoveryAsync(string decision, string reportJson, CancellationToken ct = default) =>
        RunOnWriterAsync(_ => Save(_background, db => db.RecoveryLog.Add(new Rows.RecoveryLogRow { RecordedAtMs = NowMs, Decision = decision, Report = reportJson })), ct);

    /// <summary>
    /// The first save of a state (a fresh start, a point-in-time copy, a start with fresh ledgers): its snapshot file,
    /// every current-state row and the given trade and funding records, in one transaction, before the engine runs.
    /// </summary>
    public void Seed(EngineSnapshot state, IReadOnlyList<TradeRecord> records, IReadOnlyList<FundingRecord>? funding = null)
    {
        if (state.IsPartial) throw new ArgumentException("A seed is a full snapshot.", nameof(state));
        var version = ++_version;
        var decisions = Numbered(state.Mastermind).ToList();
        _persistedDecision = Math.Max(_persistedDecision, state.Mastermind.DecisionCount);
        var now = NowMs;
        RunOnWriterAsync(commands => WriteSnapshot(commands, state, version, now, () =>
        {
            WriteState(commands, state, version, decisions, now);
            foreach (var fallen in state.Valhalla) commands.Fallen(fallen, version);
            foreach (var record in records) commands.Trade(record, version, now);
            foreach (var record in funding ?? []) commands.Funding(record, version, now);
            commands.RaiseCounter(Rows.CounterRow.NextClOrdSequence, state.Supervisor.NextClOrdSequence);
            commands.Checkpoint(version, state.TakenAtMs, now, state.Supervisor.Cycle, state.Agents.Count, state.LastTradeId);
        }), CancellationToken.None).GetAwaiter().GetResult();
        Interlocked.Exchange(ref _lastCheckpointAtMs, NowMs);
    }

    private void WriteState(StoreCommands commands, EngineSnapshot state, long version, IReadOnlyList<NumberedDecision> decisions, long now)
    {
        foreach (var agent in state.Agents) commands.Agent(agent, EngineJson.Serialize(agent), version);
        foreach (var ledger in state.Ledgers) commands.Ledger(ledger.AgentId, EngineJson.Serialize(ledger), version);
        foreach (var decision in decisions) commands.Decision(decision);
        commands.EngineState(EngineJson.Serialize(state.Supervisor),
            EngineJson.Serialize(state.Mastermind with { History = [] }), version, state.TakenAtMs, now);
    }

    /// <param name="capturedAtMs">Wall time the state was captured: what point-in-time recovery selects on.</param>
    private void WriteSnapshot(StoreCommands commands, EngineSnapshot snapshot, long version, long capturedAtMs, Action? alsoInTransaction = null)
    {
        var (file, sha, bytes) = SnapshotFiles.Write(_dataDir, version, snapshot);
        commands.InTransaction(() =>
        {
            commands.Snapshot(version, file, sha, bytes, snapshot.TakenAtMs, capturedAtMs, snapshot.Supervisor.Cycle, snapshot.LastTradeId);
            alsoInTransaction?.Invoke();
        });
        Interlocked.Exchange(ref _lastSnapshotAtMs, NowMs);
    }

    /// <summary>The snapshot schedule of Prometheus:Persistence, counted from the newest snapshot this store holds.</summary>
    public SnapshotSchedule SnapshotSchedule(long cycle)
    {
        using var reader = StoreReader.Open(Location);
        var newest = reader.Snapshots().FirstOrDefault();
        if (newest is not null) Interlocked.CompareExchange(ref _lastSnapshotAtMs, newest.RecordedAtMs, -1);
        return new SnapshotSchedule(_options.SnapshotEveryCycles, TimeSpan.FromMinutes(_options.SnapshotIntervalMinutes),
            newest?.Cycle ?? cycle, newest is null ? _wall.GetUtcNow() : DateTimeOffset.FromUnixTimeMilliseconds(newest.RecordedAtMs));
    }

    /// <summary>
    /// Keeps the newest snapshots (<see cref="PersistenceOptions.SnapshotsKept"/>) and one anchor for point-in-time
    /// recovery: the newest snapshot at least <see cref="PersistenceOptions.PointInTimeHours"/> old, or the oldest
    /// there is while none is that old. The journal (events, checkpoints) behind the oldest snapshot kept is deleted in
    /// the same transaction as the snapshot rows, so every kept snapshot still has the whole journal after it and a
    /// restore may fall back to any of them. Files go after the commit; a crash between leaves files no row names, which
    /// the next prune sweeps (a file is never deleted while a row names it).
    /// </summary>
    private void Prune()
    {
        var rows = StoreSql.Read(_background, "SELECT Version, File, RecordedAtMs FROM Snapshots ORDER BY Version DESC",
            r => (Version: r.GetInt64(0), File: r.GetString(1), RecordedAtMs: r.GetInt64(2)));
        if (rows.Count == 0) return;
        var cutoff = NowMs - (long)(_options.PointInTimeHours * 3_600_000);
        var anchor = rows.FirstOrDefault(r => r.RecordedAtMs <= cutoff);
        if (anchor == default) anchor = rows[^1];
        var keep = rows.Take(_options.SnapshotsKept).Select(r => r.Version).Append(anchor.Version).ToHashSet();
        var oldestKept = keep.Min();
        var doomed = rows.Where(r => !keep.Contains(r.Version)).ToList();
        lock (_writeGate)
        using (var transaction = _background.BeginTransaction())
        {
            foreach (var row in doomed)
                StoreSql.Execute(_background, FormattableString.Invariant($"DELETE FROM Snapshots WHERE Version = {row.Version}"), transaction);
            StoreSql.Execute(_background, FormattableString.Invariant($"DELETE FROM Events WHERE Version <= {oldestKept}"), transaction);
            StoreSql.Execute(_background, FormattableString.Invariant($"DELETE FROM Checkpoints WHERE Version < {oldestKept}"), transaction);
            transaction.Commit();
        }
        var named = rows.Where(r => keep.Contains(r.Version)).Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        var newest = rows[0].Version;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(_dataDir, SnapshotFiles.Folder)))
        {
            var file = Path.GetFileName(path);
            // Only a file older than the newest row can be a leftover; a newer one may be a snapshot being written.
            if (!named.Contains(file) && SnapshotFiles.VersionOf(file) is { } version && version < newest)
                File.Delete(path);
        }
    }

    /// <summary>The decisions the Mastermind made since the last one persisted, numbered.</summary>
    private List<NumberedDecision> NewDecisions(MastermindState mastermind)
    {
        var fresh = Numbered(mastermind).Where(d => d.Number > _persistedDecision).ToList();
        _persistedDecision = Math.Max(_persistedDecision, mastermind.DecisionCount);
        return fresh;
    }

    private static IEnumerable<NumberedDecision> Numbered(MastermindState mastermind)
    {
        var first = mastermind.DecisionCount - mastermind.History.Count + 1;
        return mastermind.History.Select((d, i) => new NumberedDecision(first + i, d));
    }

    private void Enqueue(Action<StoreCommands> work) =>
        _ = RunOnWriterAsync(work, CancellationToken.None);

    private Task RunOnWriterAsync(Action<StoreCommands> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(commands =>
            {
                try
                {
                    work(commands);
                    done.TrySetResult();
                }
                catch (Exception e)
                {
                    _writeFailure ??= e;
                    done.TrySetException(e);
                }
                return ValueTask.CompletedTask;
            }))
            throw new ObjectDisposedException(nameof(EngineStore));
        return done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        using var commands = new StoreCommands(_background, _writeGate);
        await foreach (var work in _queue.Reader.ReadAllAsync())
            await work(commands);
    }

    private void ThrowIfWriteFailed()
    {
        if (_writeFailure is { } failure)
            throw new EngineStoreException($"The store {FilePath} could not save: {failure.Message}", failure);
    }
}
