using System.Threading.Channels;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Api;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The engine's news for every watcher (open pages, the /hubs/engine hub), Aspire-dashboard style: a snapshot to start
/// from plus a stream of throttled batches, at two paces: hub clients as news comes (a fill reaches a browser within
/// a fraction of a second), pages at most twice a second (each render costs the server).
/// Invariants:
/// - The loop's thread only copies what it must (immutable records) and writes it to a bounded channel that drops
///   the oldest when full: it never blocks, never waits for a page, never allocates in proportion to the watchers.
/// - Nothing here reads the Supervisor: the status and the ranking, today's PnL and risk (once a second) come from
///   the read model the engine publishes, so no batch waits for the loop's cycle to end.
/// - Hub clients (<see cref="SubscribeAsNewsComes"/>) get at most one batch every <see cref="BatchGap"/>; pages
///   (<see cref="Subscribe"/>) at most one every <see cref="Period"/>, the hub's batches merged, unless it holds a
///   state change or a finding. At most <see cref="MaxFillsPerUpdate"/> fills in a batch; every buffer kept here has a
///   fixed capacity. A flood of fills costs a counter, not memory or a browser.
/// Entry points: <see cref="Attach"/> (the engine service, once), <see cref="Subscribe"/>, <see cref="SubscribeAsNewsComes"/>,
/// <see cref="Current"/>.
/// </summary>
public sealed class EngineEvents : BackgroundService
{
    /// <summary>Pages get at most two batches a second: well within the second a page may lag, and each open page renders at most twice a second.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    /// <summary>News wakes the pump at once, but never more often than this: at most 20 batches a second to the hub.</summary>
    public static readonly TimeSpan BatchGap = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan SnapshotPeriod = TimeSpan.FromSeconds(1);
    public const int MaxFillsPerUpdate = 50;
    public const int InboxCapacity = 10_000;

    private readonly EngineRuntime runtime;
    private readonly TimeProvider time;
    private readonly ILogger<EngineEvents> logger;
    private readonly Channel<object> _inbox;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _urgent = new(0, 1);
    private readonly BoundedBuffer<TradeRecord> _fills = new(200);
    private readonly BoundedBuffer<AgentBirth> _births = new(100);
    private readonly BoundedBuffer<FallenAgent> _deaths = new(100);
    private readonly BoundedBuffer<StateChange> _states = new(50);
    private readonly BoundedBuffer<ReconciliationItem> _findings = new(500);
    private readonly EquitySeries _equity = new(2000);
    private readonly Dictionary<int, EquitySeries> _agentEquity = [];
    private Func<DashboardUpdate, Task>[] _subscribers = [];
    private Func<DashboardUpdate, Task>[] _asNewsComes = [];
    private DashboardUpdate? _pagesOwed;
    private long _pagesToldAt;
    private int _dropped;
    private long _fillsSeen;
    private EngineStatus? _lastStatus;
    private LiveSnapshot? _snapshot;
    private DateTimeOffset _nextSnapshotAt;

    public EngineEvents(EngineRuntime runtime, TimeProvider time, ILogger<EngineEvents> logger)
    {
        this.runtime = runtime;
        this.time = time;
        this.logger = logger;
        // Drop-oldest: under a flood the loop's TryWrite always succeeds at once; what falls off is only counted.
        _inbox = Channel.CreateBounded<object>(
            new BoundedChannelOptions(InboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => { if (dropped is TradeRecord) Interlocked.Increment(ref _dropped); });
    }

    /// <summary>Fills that never reached a watcher because the engine booked them faster than the pages could be told.</summary>
    public long FillsNotShown => Interlocked.CompareExchange(ref _dropped, 0, 0) + _notSentInBatches;
    private long _notSentInBatches;

    /// <summary>Called once by the engine service, on its thread, right after the runtime is attached and before the loop runs.</summary>
    public void Attach(Supervisor supervisor, TradingLoop loop)
    {
        RememberHistory();
        supervisor.TradeBooked += Post;
        supervisor.AgentBorn += agent => Post(
            new AgentBirth(agent.Id, agent.Name, agent.Instrument.InstId, agent.Generation, [.. agent.Parents], agent.BornAtMs));
        supervisor.AgentDied += Post;
        loop.StateChanged += (state, reason) => Post(new StateChange(state, reason, time.GetUtcNow()));
        if (runtime.Recovery is { } report)
            foreach (var item in report.Reconciliation.Items)
                Post(item);
    }

    /// <summary>
    /// The latest fills, births and deaths from the store, so a page opened after a restart lists what happened before it
    /// (not only what this host saw). Read once, before the loop runs: it waits for nothing the loop holds.
    /// </summary>
    private void RememberHistory()
    {
        if (runtime.History is not { } history) return;
        var (_, fills) = history.TradesAsync(new TradeQuery(null, null, null), 0, _fills.Capacity).GetAwaiter().GetResult();
        var births = history.BirthsAsync(long.MinValue, long.MaxValue, _births.Capacity).GetAwaiter().GetResult();
        var deaths = history.DeathsAsync(long.MinValue, long.MaxValue, _deaths.Capacity).GetAwaiter().GetResult();
        lock (_gate)
        {
            for (var i = fills.Count - 1; i >= 0; i--) _fills.Add(fills[i]); // the store answers newest first
            foreach (var b in births) _births.Add(new AgentBirth(b.Id, b.Name, b.InstId, b.Generation, [.. b.Parents], b.BornAtMs));
            foreach (var d in deaths) _deaths.Add(d);
        }
    }

    /// <summary>A reconciliation finding made while trading (the reconciler calls this; never blocks).</summary>
    public void PublishFinding(ReconciliationItem item) => Post(item);

    /// <summary>What every engine event handler does on the loop's thread: one non-blocking write (drop-oldest when full).</summary>
    internal void Post(object news)
    {
        _inbox.Writer.TryWrite(news);
        Wake();
    }

    private void Wake()
    {
        try
        {
            if (_urgent.CurrentCount == 0) _urgent.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    /// <summary>What a page starts from: the latest of everything kept, copied.</summary>
    public DashboardState Current
    {
        get
        {
            lock (_gate)
                return new DashboardState(runtime.Status, _snapshot, _equity.ToArray(), _fills.NewestFirst(), _births.NewestFirst(),
                    _deaths.NewestFirst(), _states.NewestFirst(), _findings.NewestFirst(), _fillsSeen);
        }
    }

    /// <summary>An agent's equity as sampled once a second since this host started (empty for an unknown agent).</summary>
    public EquityPoint[] AgentEquity(int agentId)
    {
        lock (_gate)
            return _agentEquity.TryGetValue(agentId, out var series) ? series.ToArray() : [];
    }

    /// <summary>A batch at most every <see cref="Period"/> (sooner for urgent news), until the returned handle is disposed. The callback must not block.</summary>
    public IDisposable Subscribe(Func<DashboardUpdate, Task> onUpdate)
    {
        lock (_gate) _subscribers = [.. _subscribers, onUpdate];
        return new Subscription(this, onUpdate);
    }

    /// <summary>A batch as news comes, at most every <see cref="BatchGap"/>, until the returned handle is disposed. The callback must not block.</summary>
    public IDisposable SubscribeAsNewsComes(Func<DashboardUpdate, Task> onUpdate)
    {
        lock (_gate) _asNewsComes = [.. _asNewsComes, onUpdate];
        return new Subscription(this, onUpdate);
    }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length + Volatile.Read(ref _asNewsComes).Length;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _urgent.WaitAsync(Period, stoppingToken); // a tick, or news
                try
                {
                    Dispatch(await CollectAsync(stoppingToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The dashboard's event pump skipped a batch: {Message}", e.Message);
                }
                await Task.Delay(BatchGap, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _urgent.Dispose();
    }

    /// <summary>One batch: everything the inbox holds now, the status if it moved, the snapshot if one is due.</summary>
    internal Task<DashboardUpdate> CollectAsync(CancellationToken ct)
    {
        var fills = new List<TradeRecord>();
        var births = new List<AgentBirth>();
        var deaths = new List<FallenAgent>();
        var states = new List<StateChange>();
        var findings = new List<ReconciliationItem>();
        var notShown = Interlocked.Exchange(ref _dropped, 0);
        while (_inbox.Reader.TryRead(out var item))
        {
            switch (item)
            {
                case TradeRecord t when fills.Count < MaxFillsPerUpdate: fills.Add(t); break;
                case TradeRecord: notShown++; break;
                case AgentBirth b: births.Add(b); break;
                case FallenAgent f: deaths.Add(f); break;
                case StateChange s: states.Add(s); break;
                case ReconciliationItem r: findings.Add(r); break;
            }
        }

        var status = runtime.Status;
        var statusChanged = !ReferenceEquals(status, _lastStatus);
        RegimeChange? regime = _lastStatus is { } last && last.Regime != status.Regime && status.Cycle > 0
            ? new RegimeChange(last.Regime, status.Regime, status.MarketTimeMs) : null;
        _lastStatus = status;

        var snapshot = SnapshotIfDue(status);
        EquityPoint? equity = null;
        lock (_gate)
        {
            foreach (var t in fills) _fills.Add(t);
            _fillsSeen += fills.Count + notShown;
            _notSentInBatches += notShown;
            foreach (var b in births) _births.Add(b);
            foreach (var f in deaths)
            {
                _deaths.Add(f);
                _agentEquity.Remove(f.Id);
            }
            foreach (var s in states) _states.Add(s);
            foreach (var r in findings) _findings.Add(r);
            if (statusChanged && status.MarketTimeMs > 0 && status.Cycle > 0)
            {
                var point = new EquityPoint(status.MarketTimeMs, status.Equity);
                if (_equity.Add(point)) equity = point;
            }
            if (snapshot is not null)
            {
                _snapshot = snapshot;
                foreach (var a in snapshot.Agents)
                {
                    if (!_agentEquity.TryGetValue(a.Id, out var series))
                        _agentEquity[a.Id] = series = new EquitySeries(500);
                    series.Add(new EquityPoint(status.MarketTimeMs, a.Equity));
                }
            }
        }
        return Task.FromResult(new DashboardUpdate(status, statusChanged, fills, notShown, births, deaths, states, regime, findings, snapshot, equity));
    }

    /// <summary>The read model's figures once a second: taken from what the engine published, never asked of the loop, so no batch waits for a cycle to end.</summary>
    private LiveSnapshot? SnapshotIfDue(EngineStatus status)
    {
        var now = time.GetUtcNow();
        if (now < _nextSnapshotAt || runtime.ReadModel is not { } model || status.State == EngineState.Stopping) return null;
        if (_snapshot is { } previous && previous.Cycle == model.Status.Cycle && status.State != EngineState.Starting) return null;
        _nextSnapshotAt = now + SnapshotPeriod;
        return TakeSnapshot(model);
    }

    /// <summary>From the engine's published read model: any thread, no call into the loop.</summary>
    internal static LiveSnapshot TakeSnapshot(EngineReadModel m)
    {
        var risk = m.Risk.State;
        return new LiveSnapshot(m.Status.Cycle, EngineViews.Agents(m), risk.DayOpenEquity, risk.DayOpenEquity > 0m ? m.Book.Equity - risk.DayOpenEquity : 0m,
            risk.Drawdown, risk.PeakEquity, risk.State.ToString(), risk.StateReason);
    }

    /// <summary>
    /// The pump's last step: a batch with news to the hub now; to the pages with what they are owed since their last
    /// batch, once <see cref="Period"/> has passed since then or at once for urgent news.
    /// </summary>
    internal void Dispatch(DashboardUpdate update)
    {
        if (update.HasNews)
        {
            Tell(Volatile.Read(ref _asNewsComes), update);
            _pagesOwed = _pagesOwed is { } owed ? owed.Then(update) : update;
        }
        if (_pagesOwed is not { } due) return;
        var now = time.GetTimestamp();
        if (!due.IsUrgent && time.GetElapsedTime(_pagesToldAt, now) < Period) return;
        _pagesOwed = null;
        _pagesToldAt = now;
        Tell(Volatile.Read(ref _subscribers), due);
    }

    /// <summary>Hands a batch to every watcher at once; tests use it to play a batch to a component.</summary>
    internal void Deliver(DashboardUpdate update)
    {
        if (update.Snapshot is { } snapshot)
            lock (_gate) _snapshot = snapshot;
        Tell(Volatile.Read(ref _asNewsComes), update);
        Tell(Volatile.Read(ref _subscribers), update);
    }

    private void Tell(Func<DashboardUpdate, Task>[] watchers, DashboardUpdate update)
    {
        foreach (var subscriber in watchers)
        {
            Task task;
            try
            {
                task = subscriber(update);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A dashboard watcher failed: {Message}", e.Message);
                continue;
            }
            if (!task.IsCompleted)
                _ = task.ContinueWith(t => logger.LogWarning(t.Exception, "A dashboard watcher failed"),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            else if (task.IsFaulted)
                logger.LogWarning(task.Exception, "A dashboard watcher failed");
        }
    }

    private void Unsubscribe(Func<DashboardUpdate, Task> onUpdate)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, onUpdate))];
            _asNewsComes = [.. _asNewsComes.Where(s => !ReferenceEquals(s, onUpdate))];
        }
    }

    private sealed class Subscription(EngineEvents owner, Func<DashboardUpdate, Task> onUpdate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(onUpdate);
        }
    }
}

/// <summary>Everything a page starts from (newest first in each list).</summary>
public sealed record DashboardState(
    EngineStatus Status,
    LiveSnapshot? Snapshot,
    EquityPoint[] Equity,
    TradeRecord[] RecentFills,
    AgentBirth[] RecentBirths,
    FallenAgent[] RecentDeaths,
    StateChange[] RecentStates,
    ReconciliationItem[] Findings,
    long FillsSeen);
