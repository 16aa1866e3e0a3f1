namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// What a reconciliation found and what to do about it.
/// <see cref="Items"/>: findings not reported before. <see cref="Outstanding"/>: findings reported before and still
/// there (an orphan nobody adopted, a block awaiting a person, a correction not applied yet).
/// <see cref="Corrections"/>: what to apply, in order; a known orphan or block is not repeated, bookings and cancels are.
/// <see cref="Blocked"/>: resume must be refused (a direction mismatch, or drift no fill explains, new or outstanding).
/// <see cref="Escalate"/>: a lighter level found what only a deeper one can explain: run Deep now.
/// </summary>
public sealed record ReconciliationResult(
    ReconciliationLevel Level,
    IReadOnlyList<ReconciliationItem> Items,
    IReadOnlyList<ReconciliationItem> Outstanding,
    IReadOnlyList<Correction> Corrections,
    bool Blocked,
    bool Escalate,
    ReconciliationCounts Counts)
{
    /// <summary>Nothing new, nothing to apply: a rerun after the corrections were applied must be this.</summary>
    public bool NothingNew => Items.Count == 0 && Corrections.Count == 0;

    /// <summary>Every finding still standing, new ones first: what the report shows.</summary>
    public IEnumerable<ReconciliationItem> All => Items.Concat(Outstanding);
}

/// <summary>How much was compared.</summary>
public sealed record ReconciliationCounts(int Agents, int Trades, int Fills, int Positions, int PendingOrders, int JournalEntries, int Lookups);
