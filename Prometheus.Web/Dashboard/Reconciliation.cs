namespace Prometheus.Web.Dashboard;

// The dashboard's port to reconciliation (orphans and blocked recovery items). EngineReconciliation answers on the running
// engine's coordinator; UnavailableReconciliation is a desk with nothing behind it (component tests of the pages' "not
// available" state).

/// <summary>An exchange order or position no agent owns: placed by hand, or its clOrdId names no agent.</summary>
public sealed record OrphanView(
    string Id,
    string InstId,
    string? PosSide,
    string Side,
    decimal Amount,
    decimal? Price,
    string? OrdId,
    string? ClOrdId,
    DateTimeOffset? At,
    string Detail,
    string Status);

/// <summary>What an action on an orphan or a decision did: accepted, or refused with the reason.</summary>
public sealed record DeskResult(bool Ok, string Message)
{
    public static DeskResult Done(string message) => new(true, message);
    public static DeskResult Refused(string message) => new(false, message);
}

/// <summary>The orphans found by reconciliation and what a person may do with each.</summary>
public interface IOrphanDesk
{
    /// <summary>False while the build has no reconciliation: the page says so instead of showing an empty list as "all clear".</summary>
    bool Available { get; }
    Task<IReadOnlyList<OrphanView>> ListAsync(CancellationToken ct = default);
    /// <summary>The orphan becomes the agent's position, booked in its ledger at the exchange's price.</summary>
    Task<DeskResult> AdoptAsync(string orphanId, int agentId, string actor, CancellationToken ct = default);
    /// <summary>Closed on the exchange at market.</summary>
    Task<DeskResult> CloseAsync(string orphanId, string actor, CancellationToken ct = default);
    /// <summary>Left alone on the exchange and no longer reported (a person's own position, say).</summary>
    Task<DeskResult> DismissAsync(string orphanId, string actor, CancellationToken ct = default);
}

/// <summary>Decisions on blocked recovery items (a direction mismatch, an unknown outcome...).</summary>
public interface IRecoveryDecisions
{
    bool Available { get; }
    /// <summary>The choices a person has for an item of this kind (e.g. DirectionMismatch: align-ledger, close-exchange, flatten-both).</summary>
    IReadOnlyList<string> ChoicesFor(string kind);
    Task<DeskResult> DecideAsync(string itemId, string choice, string actor, CancellationToken ct = default);
}

/// <summary>A desk with no reconciliation behind it: lists nothing and refuses every action, saying why.</summary>
public sealed class UnavailableReconciliation : IOrphanDesk, IRecoveryDecisions
{
    public const string Message = "reconciliation is not available in this build";

    public bool Available => false;
    public Task<IReadOnlyList<OrphanView>> ListAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<OrphanView>>([]);
    public Task<DeskResult> AdoptAsync(string orphanId, int agentId, string actor, CancellationToken ct = default) => Refuse();
    public Task<DeskResult> CloseAsync(string orphanId, string actor, CancellationToken ct = default) => Refuse();
    public Task<DeskResult> DismissAsync(string orphanId, string actor, CancellationToken ct = default) => Refuse();
    public IReadOnlyList<string> ChoicesFor(string kind) => kind == "DirectionMismatch" ? ["align-ledger", "close-exchange", "flatten-both"] : [];
    public Task<DeskResult> DecideAsync(string itemId, string choice, string actor, CancellationToken ct = default) => Refuse();

    private static Task<DeskResult> Refuse() => Task.FromResult(DeskResult.Refused(Message));
}
