namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Collects items and corrections in the order the passes find them. A finding whose id an earlier run reported is
/// outstanding, not new: its orphan record and its block are not repeated (they are kept already), its bookings,
/// cancels and look-ups are (they were evidently not applied, and applying them is idempotent).
/// </summary>
internal sealed class Findings(IReadOnlySet<string> known, IReadOnlyDictionary<string, OrphanRecord> orphans)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<ReconciliationItem> _new = [];
    private readonly List<ReconciliationItem> _outstanding = [];
    private readonly List<Correction> _corrections = [];

    public bool Blocked { get; private set; }
    public bool Escalate { get; set; }

    public void Add(ReconciliationItem item, bool blocking = false, params Correction[] corrections)
    {
        if (!_ids.Add(item.Id))
            return; // one finding, one item: a second pass reaching the same conclusion adds nothing
        Blocked |= blocking;
        if (known.Contains(item.Id) || orphans.ContainsKey(item.Id))
        {
            // A person may have decided about an orphan since: it stands, but is no longer waiting for anyone.
            var decided = orphans.TryGetValue(item.Id, out var orphan) && orphan.Status != OrphanStatus.Open;
            _outstanding.Add(decided ? item with { Resolved = true } : item);
            _corrections.AddRange(corrections.Where(c => c is not (RecordOrphan or Block)));
            return;
        }
        _new.Add(item);
        _corrections.AddRange(corrections);
    }

    /// <summary>Replaces the corrections found so far by the same ones in another order.</summary>
    public void Reorder(Func<IReadOnlyList<Correction>, List<Correction>> arrange)
    {
        var ordered = arrange(_corrections);
        _corrections.Clear();
        _corrections.AddRange(ordered);
    }

    public ReconciliationResult ToResult(ReconciliationLevel level, ReconciliationCounts counts) =>
        new(level, [.. _new], [.. _outstanding], [.. _corrections], Blocked, Escalate, counts);
}
