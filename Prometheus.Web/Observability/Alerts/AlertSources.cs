using Microsoft.Extensions.Options;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Turns the engine's events into alerts, on the thread that raised them, by one non-blocking <see cref="AlertQueue.Raise"/>
/// each: fills, the breaker, risk state changes, reconciliation findings (orphans apart), the engine waiting for a
/// person (also when it starts so), and OKX sockets down too long (<see cref="GatewayWatch"/>).
/// </summary>
public sealed class AlertSources(AlertQueue queue, IOptions<AlertOptions> options, TimeProvider time, Engine.EngineRuntime runtime) : IEngineWatcher, IDisposable
{
    private GatewayWatch? _gateway;

    public void Attach(EngineHooks hooks)
    {
        if (queue.Kinds.Count == 0) return; // alerts are off
        var supervisor = hooks.Supervisor;
        if (queue.IsOn(AlertKind.Fill))
            supervisor.TradeBooked += trade => queue.Raise(AlertKind.Fill, AlertTexts.Fill(trade));

        // Read before the loop runs (Attach comes first): afterwards only the loop's thread touches it.
        var tripped = supervisor.SystemRisk.DrawdownBreakerTripped;
        supervisor.RiskStateChanged += (state, reason, trippedNow) =>
        {
            if (trippedNow && !tripped) queue.Raise(AlertKind.BreakerTripped, AlertTexts.BreakerTripped(reason));
            else queue.Raise(AlertKind.RiskState, AlertTexts.RiskState(state, reason));
            tripped = trippedNow;
        };

        hooks.Reconciliation.Found += item => queue.Raise(
            item.Kind == ReconciliationKinds.Orphan ? AlertKind.Orphan : AlertKind.ReconciliationMismatch, AlertTexts.Finding(item));

        var loop = hooks.Loop;
        loop.StateChanged += (state, reason) =>
        {
            if (state is EngineState.AwaitingConfirmation or EngineState.Blocked) queue.Raise(AlertKind.RecoveryAwaiting, AlertTexts.Awaiting(state, reason));
        };
        if (loop.State is EngineState.AwaitingConfirmation or EngineState.Blocked)
            queue.Raise(AlertKind.RecoveryAwaiting, AlertTexts.Awaiting(loop.State, loop.StateReason.Length > 0 ? loop.StateReason : runtime.Recovery?.Decision ?? "the engine restarted"));

        if (hooks.Gateway is { } gateway && queue.IsOn(AlertKind.GatewayDisconnected))
        {
            _gateway = new GatewayWatch(queue, TimeSpan.FromSeconds(options.Value.DisconnectedSeconds), time);
            _gateway.Watch(gateway.Sockets);
        }
    }

    public void Dispose() => _gateway?.Dispose();
}
