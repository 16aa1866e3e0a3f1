using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Components.Layout;

/// <summary>How the engine's state and mode are shown at the top of every page: one word that cannot be missed, a colour
/// that means the same thing everywhere, and a sentence saying what it implies for trading.</summary>
public sealed record EngineBanner(string State, string Tone, string Headline, string Detail)
{
    public static EngineBanner For(EngineStatus status, Exception? failure)
    {
        if (failure is not null)
            return new("Failed", "danger", "ENGINE STOPPED", "The engine stopped on an error and is not trading: " + failure.Message);
        return status.State switch
        {
            EngineState.Running when status.TradingState == "Halted" =>
                new("Running", "danger", "RUNNING — RISK HALT", "Risk limits halted new trades; protective exits still run. " + Reason(status)),
            EngineState.Running when status.TradingState == "Reducing" =>
                new("Running", "warning", "RUNNING — REDUCING ONLY", "Only orders that reduce exposure pass. " + Reason(status)),
            EngineState.Running => new("Running", "ok", "RUNNING", "Agents are trading."),
            EngineState.Paused => new("Paused", "warning", "PAUSED", "No agent trades; fills still arrive and are booked. " + Reason(status)),
            EngineState.AwaitingConfirmation => new("AwaitingConfirmation", "attention", "AWAITING CONFIRMATION",
                "Restored after a restart: nothing trades until a person reads the recovery report and confirms."),
            EngineState.Blocked => new("Blocked", "danger", "BLOCKED", "A discrepancy needs a person's decision before trading may resume. " + Reason(status)),
            EngineState.Stopping => new("Stopping", "muted", "STOPPING", "The engine is saving its last checkpoint and stopping."),
            _ => new("Starting", "muted", "STARTING", "The engine is restoring its state."),
        };
    }

    /// <summary>Paper and live apart at a glance: live is red and says real money.</summary>
    public static (string Text, string Tone, string Title) Mode(string mode) => mode switch
    {
        "live" => ("LIVE · REAL MONEY", "live", "Orders go to OKX with real funds."),
        "demo" => ("OKX DEMO", "demo", "OKX demo trading: the exchange's simulated funds."),
        Engine.ReadOnly.ReadOnlyWatcher.Mode => ("READ-ONLY", "paper",
            "A dashboard without an engine: it shows the store's latest save; commands go to the engine's own host."),
        _ => ("PAPER", "paper", "Simulated exchange replaying real candles: no real money."),
    };

    private static string Reason(EngineStatus status) => string.IsNullOrEmpty(status.StateReason) ? "" : $"({status.StateReason})";
}
