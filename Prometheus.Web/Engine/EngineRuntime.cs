using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Engine;

/// <summary>
/// The running engine as the rest of the web host sees it: the trading loop (commands and queries go through
/// it, never to the Supervisor directly), the recovery report of this start, and the mode. Empty until the
/// engine service has started it.
/// </summary>
public sealed class EngineRuntime
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TradingLoop? Loop { get; private set; }
    public IExchange? Exchange { get; private set; }
    public RecoveryReport? Recovery { get; private set; }
    /// <summary>"paper" on the simulated exchange; "live" or "demo" once the OKX gateway lands.</summary>
    public string Mode { get; private set; } = "paper";

    public EngineStatus Status => Loop?.Status ?? EngineStatus.Initial(Mode);

    /// <summary>Completes when the engine is up (restored or fresh) and its loop runs.</summary>
    public Task Started => _started.Task;

    internal void Attach(TradingLoop loop, IExchange exchange, RecoveryReport report, string mode)
    {
        Loop = loop;
        Exchange = exchange;
        Recovery = report;
        Mode = mode;
        _started.TrySetResult();
    }

    internal void Fail(Exception error) => _started.TrySetException(error);
}
