using System.Globalization;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>What each alert says, in a sentence a person reads on a phone. Only engine facts: never a setting, never a secret.</summary>
public static class AlertTexts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Fill(TradeRecord t) => string.Create(Invariant,
        $"Agent {t.AgentId} {t.Side.ToString().ToLowerInvariant()} {t.Amount} {t.InstId} ({t.PosSide.ToString().ToLowerInvariant()}) at {t.Price}, fee {t.Fee}{(t.RealizedPnl != 0m ? $", realised PnL {t.RealizedPnl}" : "")}");

    public static string BreakerTripped(string reason) =>
        $"Circuit breaker tripped: {reason}. Trading is halted until a person resets it.";

    public static string RiskState(TradingState state, string reason) =>
        $"Risk state {state}{(reason.Length > 0 ? $": {reason}" : "")}.";

    public static string Finding(ReconciliationItem item) =>
        $"{item.Kind} ({(item.Resolved ? "corrected" : "open")}): {item.Detail}{(item.Correction is { } c ? $" -> {c}" : "")}";

    public static string Awaiting(EngineState state, string reason) => state == EngineState.Blocked
        ? $"Trading is blocked: {reason}. A person decides on the Recovery page."
        : $"The engine awaits a person's confirmation: {reason}. Read the recovery report and confirm.";

    public static string GatewayDown(string socket, TimeSpan down) => string.Create(Invariant,
        $"OKX {socket} WebSocket disconnected for more than {down.TotalSeconds:0.#} s; it keeps reconnecting.");

    public static string GatewayBack(string socket, TimeSpan down) => string.Create(Invariant,
        $"OKX {socket} WebSocket reconnected after {down.TotalSeconds:0} s down.");
}
