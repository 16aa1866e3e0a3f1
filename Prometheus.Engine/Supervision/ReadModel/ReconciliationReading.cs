using System.Collections.Immutable;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;

namespace Prometheus.Engine.Supervision.ReadModel;

/// <summary>
/// Reconciliation as it stands at a build: every finding since this start (newest state of each, in the order found),
/// the open blocks with their choices, the orphans (oldest first) and when it last ran. Taken on the loop's thread, so
/// readers never touch the coordinator's collections while a cycle changes them.
/// </summary>
public sealed record ReconciliationReading(
    bool Blocked,
    string BlockReason,
    long? LastRunAtMs,
    ReconciliationLevel? LastRunLevel,
    ImmutableArray<ReconciliationItem> Items,
    ImmutableArray<BlockReading> Blocks,
    ImmutableArray<OrphanReading> Orphans)
{
    public int OpenFindings => Items.Count(i => !i.Resolved);
}

/// <summary>A block awaiting a person: the item and the names and descriptions of its choices.</summary>
public sealed record BlockReading(string ItemId, ImmutableArray<(string Name, string Description)> Choices);

/// <summary>An orphan and the agent that adopted it, if one did.</summary>
public sealed record OrphanReading(OrphanRecord Orphan, int? AdoptedBy);
