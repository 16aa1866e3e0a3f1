using System.Diagnostics;
using System.Threading.Channels;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision.ReadModel;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The trading loop of paper, live and backtests alike: one thread of control that paces bars from the feed (a backtest
/// unpaced, on a feed that ends with its range), drives the market and the Supervisor, takes checkpoints and snapshots,
/// and executes commands (confirm, pause, resume, close-all, queries) between cycles, in order. Everything else talks to it through its commands and
/// <see cref="QueryAsync{T}"/>, and reads it through <see cref="ReadModel"/> (an immutable model it publishes by one
/// reference swap), so nothing inside the engine needs a lock.
/// A stop (cancellation) finishes the current cycle, writes a last checkpoint and flushes it.
/// </summary>
public sealed class TradingLoop
{
    private readonly Channel<Func<ValueTask>> _inbox = Channel.CreateUnbounded<Func<ValueTask>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Supervisor _supervisor;
    private readonly IBarFeed _feed;
    private readonly Action<Candle> _market;
    private readonly MarketClock _marketClock;
    private readonly TimeProvider _wall;
    private readonly TimeSpan _barPeriod;
    private readonly int _checkpointEvery;
    private readonly SnapshotSchedule _snapshots;
    private readonly ICheckpointSink? _sink;
    private readonly string _mode;
    private static readonly TimeSpan NoBarRetry = TimeSpan.FromMilliseconds(250);
    private bool _deathSinceCheckpoint;
    private double _cycleMs;
    private volatile EngineStatus _status;
    private readonly ReadModelBuilder _builder = new();
    private volatile EngineReadModel _readModel;
    private DateTimeOffset _readModelBuiltAt = DateTimeOffset.MinValue;
    private bool _readModelStale;

    /// <param name="market">Gives each bar to the exchange's market before the Supervisor sees it (the simulated exchange's OnBar).</param>
    public TradingLoop(Supervisor supervisor, IBarFeed feed, Action<Candle> market, MarketClock marketClock, TimeProvider wall,
        double barsPerSecond, int checkpointEveryCycles, SnapshotSchedule snapshots, ICheckpointSink? sink, EngineState initialState,
        string mode)
    {
        _supervisor = supervisor;
        _feed = feed;
        _market = market;
        _marketClock = marketClock;
        _wall = wall;
        _barPeriod = TimeSpan.FromSeconds(1 / barsPerSecond);
        _checkpointEvery = checkpointEveryCycles;
        _snapshots = snapshots;
        _sink = sink;
        _mode = mode;
        State = initialState;
        supervisor.AgentDied += _ => _deathSinceCheckpoint = true;
        _status = EngineStatus.Initial(mode);
        _readModel = EngineReadModel.Empty(mode);
        Publish();
    }

    /// <summary>
    /// The engine as of the latest publication: swapped in whole after a cycle (at most every <see cref="ReadModelInterval"/>
    /// while cycles run back to back, and always before the loop waits), after every command and query, and at start.
    /// The one thing readers on other threads read.
    /// </summary>
    public EngineReadModel ReadModel => _readModel;

    /// <summary>
    /// While bars come faster than this, the read model is rebuilt at most this often (the status every cycle); a
    /// command, a state change or an idle loop publishes at once.
    /// </summary>
    public TimeSpan ReadModelInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public EngineState State { get; private set; }
    public string StateReason { get; private set; } = "";
    public EngineStatus Status => _status;

    /// <summary>Raised on the loop's thread when the exchange failed during a cycle (the loop goes on).</summary>
    public event Action<Exception>? CycleFailed;

    /// <summary>Raised on the loop's thread whenever the state changes.</summary>
    public event Action<EngineState, string>? StateChanged;

    /// <summary>Raised on the loop's thread after each cycle, its checkpoint and snapshot (a backtest observes equity here).</summary>
    public event Action? CycleCompleted;

    /// <summary>
    /// Whether status and read model are published for readers (the dashboard, the API). A backtest has none: off, the
    /// loop builds neither per cycle.
    /// </summary>
    public bool PublishesReadModel { get; init; } = true;

    /// <summary>
    /// A person confirms the recovery report: the engine resumes in the state it was left in, Running, or Paused when a
    /// person had paused it (resume is then a separate, deliberate step). Refused unless awaiting confirmation.
    /// </summary>
    public Task<string?> ConfirmAsync() => CommandAsync(() => State switch
    {
        EngineState.AwaitingConfirmation when _supervisor.Paused =>
            Move(EngineState.Paused, $"confirmed by a person; still paused as it was left ({_supervisor.PauseReason})"),
        EngineState.AwaitingConfirmation => Move(EngineState.Running, "confirmed by a person"),
        EngineState.Blocked => "trading is blocked: a discrepancy needs a decision first",
        _ => $"nothing to confirm: the engine is {State}",
    });

    /// <summary>Pauses trading; the pause is on disk when this completes, and outlives a restart.</summary>
    public Task<string?> PauseAsync() => CommandAsync(() => State switch
    {
        EngineState.Running => Pause("paused by a person"),
        EngineState.Paused => null,
        _ => $"cannot pause: the engine is {State}",
    });

    public Task<string?> ResumeAsync() => CommandAsync(() => State switch
    {
        EngineState.Paused => Resume(),
        EngineState.Running => null,
        EngineState.AwaitingConfirmation => "confirm the recovery report first",
        _ => $"cannot resume: the engine is {State}",
    });

    /// <summary>
    /// A person clears the drawdown circuit breaker (and Reducing) with a reason; saved at once. Refused (the reason
    /// returned) without a reason, with one over <see cref="Supervisor.MaxResetReasonLength"/> characters, or when there
    /// is nothing to reset.
    /// </summary>
    public Task<string?> ResetRiskAsync(string reason, string actor) => CommandAsync(() => _supervisor.ResetRisk(reason, actor));

    /// <summary>As <see cref="ResetRiskAsync"/>, with the risk state just before and just after it, both taken on the loop (for the audit).</summary>
    public async Task<RiskResetOutcome> ResetRiskWithStatesAsync(string reason, string actor)
    {
        Risk.SystemRiskState? before = null;
        var refusal = await CommandAsync(() =>
        {
            before = _supervisor.SystemRisk.Save();
            return _supervisor.ResetRisk(reason, actor);
        });
        var after = _readModel.Risk.State;
        return new RiskResetOutcome(refusal, before ?? after, after);
    }

    /// <summary>
    /// Reconciliation while trading: checked after every cycle; while it reports a block the engine is Blocked (no
    /// agent trades, confirm and resume are refused), and once the block is decided it awaits confirmation again.
    /// Set before the loop runs; the model is published again at once, so no reader sees an engine without it.
    /// </summary>
    public ILoopReconciliation? Reconciliation
    {
        get => _reconciliation;
        set
        {
            _reconciliation = value;
            Publish();
        }
    }
    private ILoopReconciliation? _reconciliation;

    /// <summary>
    /// A person sets (or hands back) the Mastermind's allocation and risk appetite, with a reason; saved at once with a
    /// checkpoint. Refused (the reason returned) when a value is out of range or no reason is given.
    /// </summary>
    public Task<string?> InterveneAsync(bool on, decimal spotShare, decimal riskAppetite, string reason, string actor) => CommandAsync(() =>
    {
        try
        {
            _supervisor.Mastermind.Intervene(_supervisor.NowMs, on, spotShare, riskAppetite, reason, actor);
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (Parameter", 2)[0];
        }
        _sink?.Checkpoint(_supervisor.CaptureCheckpoint(), _supervisor.CaptureEquity());
        return null;
    });

    /// <summary>Emergency: closes every position at market, bypassing pre-trade checks, then pauses.</summary>
    public async Task<string?> CloseAllAsync()
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(async () =>
        {
            try
            {
                await _supervisor.CloseAllAsync();
                if (State == EngineState.Running) Pause("paused after an emergency close-all");
                Publish();
                done.SetResult(null);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }))
            return "the engine has stopped";
        return await done.Task;
    }

    /// <summary>
    /// A person closes one agent's position at market. Refused while the engine awaits confirmation, is blocked or stops
    /// (nothing is sent then); allowed Running and Paused, as close-all is.
    /// </summary>
    public async Task<PositionCloseOutcome> ClosePositionAsync(int agentId, string instId, Exchange.PositionSide posSide)
    {
        var done = new TaskCompletionSource<PositionCloseOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(async () =>
        {
            try
            {
                if (State is not (EngineState.Running or EngineState.Paused))
                {
                    done.SetResult(new PositionCloseOutcome(PositionCloseResult.Refused, $"cannot close a position: the engine is {State}"));
                    return;
                }
                var closed = await _supervisor.ClosePositionAsync(agentId, instId, posSide);
                Publish();
                done.SetResult(new PositionCloseOutcome(closed ? PositionCloseResult.Closed : PositionCloseResult.NoSuchPosition));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }))
            return new PositionCloseOutcome(PositionCloseResult.Refused, "the engine has stopped");
        return await done.Task;
    }

    /// <summary>
    /// Checks the public ledger against its private ledgers and the exchange's fills, on the loop (the ledger is not
    /// copied into the read model whole, and the check must see it at one instant).
    /// </summary>
    public Task<Recovery.LedgerVerdict> VerifyLedgerAsync(Exchange.IExchange exchange, CancellationToken ct = default) =>
        QueryAsync(async s => Recovery.LedgerVerification.Verify(s.Ledger, await exchange.GetFillsAsync(ct: ct)), ct);

    /// <summary>Runs <paramref name="query"/> on the loop between cycles: the only safe way to read the Supervisor from outside.</summary>
    public Task<T> QueryAsync<T>(Func<Supervisor, T> query, CancellationToken ct = default) =>
        QueryAsync(s => ValueTask.FromResult(query(s)), ct);

    /// <summary>As <see cref="QueryAsync{T}(Func{Supervisor, T}, CancellationToken)"/>, for a query that itself awaits (the exchange).</summary>
    public async Task<T> QueryAsync<T>(Func<Supervisor, ValueTask<T>> query, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(async () =>
            {
                T result;
                try { result = await query(_supervisor); }
                catch (Exception e)
                {
                    SyncBlock();
                    Publish();
                    done.SetException(e);
                    return;
                }
                SyncBlock();
                Publish(); // a query may act (a reconciliation decision): its effect is published before the answer
                done.SetResult(result);
            }))
            throw new EngineStoppedException();
        return await done.Task.WaitAsync(ct);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var nextBarAt = _wall.GetUtcNow();
        var lastTick = _wall.GetUtcNow();
        var cycles = 0L;
        while (!stop.IsCancellationRequested)
        {
            await DrainInboxAsync();
            var now = _wall.GetUtcNow();
            if (now < nextBarAt)
            {
                await WaitForInboxAsync(PublishIfDue(nextBarAt - now), stop);
                continue;
            }
            if (!_feed.TryNext(out var bar))
            {
                if (_feed.Ended) break; // a backtest's range is done
                // A live feed has no closed bar yet: commands and queries are served while it comes.
                await WaitForInboxAsync(PublishIfDue(NoBarRetry), stop);
                continue;
            }
            nextBarAt = nextBarAt + _barPeriod < now ? now + _barPeriod : nextBarAt + _barPeriod;

            var started = Stopwatch.GetTimestamp();
            _marketClock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(bar.TimestampMs + (long)_feed.Interval.TotalMilliseconds));
            _market(bar);
            _supervisor.AllowTrading(State == EngineState.Running);
            _supervisor.AddRuntime((long)(now - lastTick).TotalMilliseconds);
            lastTick = now;
            try
            {
                // A cycle, once begun, is finished. A feed of several series gives each traded instrument its own bar.
                if (_feed.BarsByTraded is { } row) await _supervisor.OnBarsAsync(row, CancellationToken.None);
                else await _supervisor.OnBarAsync(bar, CancellationToken.None);
                if (Reconciliation is { } reconciliation)
                {
                    await reconciliation.AfterCycleAsync(CancellationToken.None);
                    SyncBlock();
                }
            }
            catch (Exception e) when (Supervisor.IsExchangeFailure(e))
            {
                // The exchange failed mid-cycle: every booking made is whole (each is one transaction); what is left is
                // asked again next cycle. The engine goes on.
                CycleFailed?.Invoke(e);
            }
            _cycleMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            if (++cycles % _checkpointEvery == 0 || _deathSinceCheckpoint)
            {
                _deathSinceCheckpoint = false;
                _sink?.Checkpoint(_supervisor.CaptureCheckpoint(), _supervisor.CaptureEquity());
            }
            if (_sink is not null && _snapshots.IsDue(_supervisor.Cycle, _wall.GetUtcNow()))
            {
                _snapshots.Taken(_supervisor.Cycle, _wall.GetUtcNow());
                _sink.Snapshot(_supervisor.CaptureSnapshot());
            }
            CycleCompleted?.Invoke();
            if (PublishesReadModel) Publish(cycle: true);
        }

        Move(EngineState.Stopping, "stopping");
        // Whatever was asked before the stop is answered; anything asked after finds the inbox closed.
        _inbox.Writer.TryComplete();
        await DrainInboxAsync();
        if (_sink is not null)
        {
            _sink.Checkpoint(_supervisor.CaptureCheckpoint(), _supervisor.CaptureEquity());
            await _sink.FlushAsync(CancellationToken.None);
        }
        Publish();
    }

    private Task<string?> CommandAsync(Func<string?> command)
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(() =>
            {
                string? refusal;
                try
                {
                    refusal = command();
                }
                catch (Exception e)
                {
                    // A change that could not be saved (the store failed): the caller hears it, and the loop stops on it,
                    // since trading cannot go on without durability.
                    done.SetException(e);
                    throw;
                }
                SyncBlock();
                Publish(); // before the answer: a caller that reads the model next sees its command's effect
                done.SetResult(refusal);
                return ValueTask.CompletedTask;
            }))
            done.SetResult("the engine has stopped");
        return done.Task;
    }

    private string? Pause(string reason)
    {
        _supervisor.Pause(reason);
        return Move(EngineState.Paused, reason);
    }

    private string? Resume()
    {
        _supervisor.Unpause();
        return Move(EngineState.Running, "resumed by a person");
    }

    private string? Move(EngineState to, string reason)
    {
        if (State == to) return null;
        State = to;
        StateReason = reason;
        _readModelBuiltAt = DateTimeOffset.MinValue; // a state change is published with the next publication, never held back
        StateChanged?.Invoke(to, reason);
        return null;
    }

    private async ValueTask DrainInboxAsync()
    {
        while (_inbox.Reader.TryRead(out var work))
        {
            await work();
            SyncBlock(); // a person's decision may have lifted a block
        }
    }

    private void SyncBlock()
    {
        if (Reconciliation is not { } reconciliation || State == EngineState.Stopping) return;
        if (reconciliation.Blocked && State != EngineState.Blocked)
            Move(EngineState.Blocked, reconciliation.BlockReason);
        else if (!reconciliation.Blocked && State == EngineState.Blocked)
            Move(EngineState.AwaitingConfirmation, "the blocking discrepancy was decided: confirm to resume trading");
    }

    private async Task WaitForInboxAsync(TimeSpan timeout, CancellationToken stop)
    {
        using var due = new CancellationTokenSource(timeout, _wall);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, due.Token);
        try
        {
            await _inbox.Reader.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // the bar is due, or we are stopping: either way the loop goes on
        }
    }

    /// <summary>The loop is about to wait: readers get the last cycle a throttled publication held back.</summary>
    /// <summary>
    /// Before the loop waits: a held-back read model is published once <see cref="ReadModelInterval"/> has passed since
    /// the last one (a paced loop waits after every bar, and building at every wait would cost 200 builds a second at
    /// 200 bars/s); the wait is cut short to when it falls due, so a model is never staler than the interval.
    /// </summary>
    private TimeSpan PublishIfDue(TimeSpan wait)
    {
        if (!_readModelStale) return wait;
        var due = _readModelBuiltAt + ReadModelInterval - _wall.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Publish();
            return wait;
        }
        return due < wait ? due : wait;
    }

    /// <param name="cycle">After a cycle: the read model waits for <see cref="ReadModelInterval"/>; otherwise it is built now.</param>
    private void Publish(bool cycle = false)
    {
        var s = _supervisor;
        _status = new EngineStatus(State, StateReason, _mode, s.Cycle, s.Equity, s.Ledger.PrivateLedgers.Values.Sum(l => l.UnrealizedPnl(s.Marks)),
            s.Living.Count, s.Agents.Count - s.Living.Count, s.Market.Regime, s.Ledger.Records.Count, s.Births, s.Deaths,
            _sink?.LastCheckpointAtMs, s.Market.TimestampMs, _cycleMs, s.SystemRisk.State.ToString());
        var now = _wall.GetUtcNow();
        if (cycle && now - _readModelBuiltAt < ReadModelInterval)
        {
            _readModelStale = true;
            return;
        }
        _readModelBuiltAt = now;
        _readModelStale = false;
        _readModel = _builder.Build(s, _status, Reconciliation, now.ToUnixTimeMilliseconds());
    }
}

/// <summary>A risk reset's answer: the refusal (null when done) and the risk state before and after.</summary>
public sealed record RiskResetOutcome(string? Refusal, Risk.SystemRiskState Before, Risk.SystemRiskState After);

/// <summary>The trading loop has stopped: it takes no more commands or queries.</summary>
public sealed class EngineStoppedException() : InvalidOperationException("the engine has stopped");
