using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated.Faults;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;

namespace Prometheus.Web.Engine;

/// <summary>
/// The running engine as the rest of the web host sees it: the trading loop (commands go through it; reads take its
/// published read model, never the Supervisor), the recovery report of this start, the store (audit log) and the mode.
/// Empty until the engine service has started it.
/// </summary>
public sealed class EngineRuntime
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TradingLoop? Loop { get; private set; }
    public IExchange? Exchange { get; private set; }
    /// <summary>In simulated mode, the exchange with its outside events and fault injection (/api/sim); null otherwise.</summary>
    public FaultInjectingExchange? Simulated => Exchange as FaultInjectingExchange;
    public EngineStore? Store { get; private set; }
    /// <summary>Reconciliation's memory: orphans, blocks awaiting a decision, the findings. Touch it only through the loop.</summary>
    public ReconciliationCoordinator? Reconciliation { get; private set; }
    public RecoveryReport? Recovery { get; private set; }
    /// <summary>"paper" on the simulated exchange; "live" or "demo" on OKX.</summary>
    public string Mode { get; private set; } = "paper";
    /// <summary>Why the engine could not start or stopped on an error; null while all is well.</summary>
    public Exception? Failure { get; private set; }

    public EngineStatus Status => Loop?.Status ?? _readOnlyModel?.Status ?? EngineStatus.Initial(Mode);

    /// <summary>
    /// The store a read-only host (`serve --read-only`) watches; null on a host that runs the engine. Such a host has no
    /// loop, exchange or writable store: commands are refused, reads come from the store's latest save.
    /// </summary>
    public StoreLocation? ReadOnlyStore { get; private set; }
    public bool IsReadOnly => ReadOnlyStore is not null;
    private volatile EngineReadModel? _readOnlyModel;

    /// <summary>Completes when the engine is up (restored or fresh) and its loop runs; faults when it cannot start.</summary>
    public Task Started => _started.Task;

    /// <summary>
    /// The history port on this engine's store (fills, equity curves, births and deaths, read on connections of their
    /// own); null while the engine starts. The one way Web reads history.
    /// </summary>
    public IHistory? History => (Store?.Location ?? ReadOnlyStore) is { } location ? new StoreHistory(location) : null;

    /// <summary>The engine as last published by its loop (<see cref="TradingLoop.ReadModel"/>); null while it starts.</summary>
    public EngineReadModel? ReadModel => Loop?.ReadModel ?? _readOnlyModel;

    /// <summary>
    /// The start's report with its reconciliation section as it stands at the last publication (decisions taken,
    /// findings since); null while the engine starts.
    /// </summary>
    public RecoveryReport? CurrentRecovery()
    {
        if (this is not { ReadModel: { Reconciliation: { } reconciliation } model, Recovery: { } report }) return Recovery;
        var current = reconciliation.Items;
        var items = report.Reconciliation.Items.Where(i => !current.Any(r => r.Id == i.Id)).Concat(current).ToList();
        var checkedAt = reconciliation.LastRunAtMs is { } run ? DateTimeOffset.FromUnixTimeMilliseconds(run) : report.Reconciliation.CheckedAt;
        var state = model.Status.State;
        var decision = state switch
        {
            EngineState.Blocked => $"blocked: {reconciliation.BlockReason}",
            EngineState.AwaitingConfirmation => report.Decision.StartsWith("blocked", StringComparison.Ordinal)
                ? "awaiting confirmation: the blocking discrepancy was decided; a person must confirm before trading resumes"
                : report.Decision,
            _ => report.Decision,
        };
        return report with
        {
            Reconciliation = report.Reconciliation with { Consistent = items.All(i => i.Resolved), CheckedAt = checkedAt, Items = items },
            Decision = decision,
            DecisionRequired = state is EngineState.AwaitingConfirmation or EngineState.Blocked,
        };
    }

    /// <summary>As <see cref="CurrentRecovery"/>; kept for callers that await it.</summary>
    public Task<RecoveryReport?> CurrentRecoveryAsync(CancellationToken ct = default) => Task.FromResult(CurrentRecovery());

    internal void Attach(TradingLoop loop, IExchange exchange, RecoveryReport report, string mode, EngineStore store, ReconciliationCoordinator reconciliation)
    {
        Reconciliation = reconciliation;
        Loop = loop;
        Exchange = exchange;
        Recovery = report;
        Mode = mode;
        Store = store;
    }

    /// <summary>Everything the engine feeds (the dashboard's events, metrics, alerts) is attached: <see cref="Started"/> completes.</summary>
    internal void MarkStarted() => _started.TrySetResult();

    /// <summary>A read-only host: from now on it watches <paramref name="store"/> (before its first read).</summary>
    internal void AttachReadOnly(StoreLocation store)
    {
        ReadOnlyStore = store;
        Mode = ReadOnly.ReadOnlyWatcher.Mode;
    }

    /// <summary>A read-only host's latest read of the store; the first one marks it started.</summary>
    internal void PublishReadOnly(EngineReadModel model)
    {
        _readOnlyModel = model;
        _started.TrySetResult();
    }

    internal void Fail(Exception error)
    {
        Failure ??= error;
        _started.TrySetException(error);
    }
}
