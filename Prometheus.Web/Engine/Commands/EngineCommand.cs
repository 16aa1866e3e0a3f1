using Prometheus.Engine.Exchange;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Engine.Commands;

/// <summary>
/// A person's command to the running engine, as a typed message: who gives it (<see cref="Actor"/>), and where from
/// (<see cref="Via"/>: null for the API, "dashboard" for the dashboard's forms, written after the audit entry).
/// <see cref="Action"/> is the audit log's action name (a contract: scripts read the audit log).
/// <see cref="Problem"/> is what is wrong with the message itself, before the engine is asked; the engine's state may
/// still refuse it.
/// </summary>
public abstract record EngineCommand(string Actor)
{
    public string? Via { get; init; }

    public abstract string Action { get; }

    public virtual string? Problem() => null;

    private protected static string? Text(string field, string? value, bool required = true) =>
        required && string.IsNullOrWhiteSpace(value) ? $"{field} is required" : RequestLimits.TextTooLong(field, value);
}

/// <summary>A person confirms the recovery report (refused unless the engine awaits confirmation).</summary>
public sealed record ConfirmRecovery(string Actor) : EngineCommand(Actor)
{
    public override string Action => "confirm";
}

public sealed record PauseTrading(string Actor) : EngineCommand(Actor)
{
    public override string Action => "pause";
}

public sealed record ResumeTrading(string Actor) : EngineCommand(Actor)
{
    public override string Action => "resume";
}

/// <summary>Emergency: every position closed at market, then paused.</summary>
public sealed record CloseAll(string Actor) : EngineCommand(Actor)
{
    public override string Action => "close-all";
}

/// <summary>A person takes (<paramref name="On"/>) or hands back the Mastermind's allocation and risk appetite; ranges are the engine's to judge.</summary>
public sealed record Intervene(string Actor, bool On, decimal SpotShare, decimal RiskAppetite, string Reason) : EngineCommand(Actor)
{
    public override string Action => On ? "intervention" : "intervention-ended";

    public override string? Problem() => Text("reason", Reason, required: false);
}

/// <summary>A person clears the drawdown circuit breaker (and Reducing), with a reason.</summary>
public sealed record ResetRisk(string Actor, string Reason) : EngineCommand(Actor)
{
    public const string ActionName = "risk-reset";

    public override string Action => ActionName;

    public override string? Problem() =>
        Reason.Trim() is var reason && (reason.Length == 0 || reason.Length > Prometheus.Engine.Supervision.Supervisor.MaxResetReasonLength)
            ? $"reason is required, at most {Prometheus.Engine.Supervision.Supervisor.MaxResetReasonLength} characters"
            : null;
}

/// <summary>A person closes one agent's position at market, with a reason.</summary>
public sealed record ClosePosition(string Actor, int AgentId, string InstId, PositionSide PosSide, string Reason) : EngineCommand(Actor)
{
    public const string ActionName = "close-position";

    public override string Action => ActionName;

    /// <summary>How the audit and the answers name the position: "agent 3 BTC-USDT long".</summary>
    public string What => $"agent {AgentId} {InstId} {(PosSide == PositionSide.Long ? "long" : "short")}";

    public override string? Problem() =>
        AgentId <= 0 ? "agentId is required: the id of the agent holding the position"
        : string.IsNullOrWhiteSpace(InstId) ? "instId is required"
        : Text("reason", Reason);
}

/// <summary>A person's choice on a blocked reconciliation item (e.g. a direction mismatch: align-ledger).</summary>
public sealed record DecideBlock(string Actor, string ItemId, string Choice) : EngineCommand(Actor)
{
    public override string Action => "decide";

    public override string? Problem() => Text("itemId", ItemId) ?? Text("choice", Choice);
}

/// <summary>An orphan becomes the agent's position, booked at the exchange's price.</summary>
public sealed record AdoptOrphan(string Actor, string OrphanId, int AgentId) : EngineCommand(Actor)
{
    public override string Action => "orphan-adopt";

    public override string? Problem() => Text("orphanId", OrphanId);
}

/// <summary>An orphan closed on the exchange at market.</summary>
public sealed record CloseOrphan(string Actor, string OrphanId) : EngineCommand(Actor)
{
    public override string Action => "orphan-close";

    public override string? Problem() => Text("orphanId", OrphanId);
}

/// <summary>An orphan left alone on the exchange and no longer reported.</summary>
public sealed record DismissOrphan(string Actor, string OrphanId) : EngineCommand(Actor)
{
    public override string Action => "orphan-dismiss";

    public override string? Problem() => Text("orphanId", OrphanId);
}
