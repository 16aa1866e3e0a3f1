using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Who holds what on each (instrument, posSide) while the reconciler replays fills: each agent's amount and the
/// orphan exposure no agent owns. Closing mirrors the ledger: an agent's amount never goes below zero.
/// </summary>
internal sealed class Holdings
{
    private readonly Dictionary<PositionKey, SortedDictionary<int, decimal>> _agents = [];
    private readonly Dictionary<PositionKey, decimal> _orphan = [];

    public decimal Agent(int agentId, PositionKey key) =>
        _agents.TryGetValue(key, out var byAgent) && byAgent.TryGetValue(agentId, out var amount) ? amount : 0m;

    public decimal AgentTotal(PositionKey key)
    {
        var total = 0m;
        if (_agents.TryGetValue(key, out var byAgent))
            foreach (var amount in byAgent.Values) total += amount;
        return total;
    }

    public decimal Orphan(PositionKey key) => _orphan.GetValueOrDefault(key);

    /// <summary>The same orphan exposure with the agents' amounts replaced (the books as they will stand).</summary>
    public Holdings WithAgents(IReadOnlyDictionary<(int AgentId, PositionKey Key), decimal> amounts)
    {
        var holdings = new Holdings();
        foreach (var (key, delta) in _orphan) holdings._orphan[key] = delta;
        foreach (var ((agentId, key), amount) in amounts) holdings.Shift(agentId, key, amount);
        return holdings;
    }

    public void AddOrphan(PositionKey key, decimal delta) => _orphan[key] = Orphan(key) + delta;

    /// <summary>Agents holding a positive amount on <paramref name="key"/>, by agent id.</summary>
    public List<(int AgentId, decimal Amount)> Holders(PositionKey key) =>
        _agents.TryGetValue(key, out var byAgent) ? [.. byAgent.Where(h => h.Value > 0m).Select(h => (h.Key, h.Value))] : [];

    /// <summary>Adds without clamping (setting up the base, or undoing a booking).</summary>
    public void Shift(int agentId, PositionKey key, decimal delta)
    {
        if (!_agents.TryGetValue(key, out var byAgent))
            _agents[key] = byAgent = [];
        byAgent[agentId] = byAgent.GetValueOrDefault(agentId) + delta;
    }

    /// <summary>A booking as the ledger applies it: an opening adds, a closing takes away at most what is held.</summary>
    public void Apply(int agentId, PositionKey key, bool opening, decimal amount)
    {
        if (opening)
            Shift(agentId, key, amount);
        else
            Shift(agentId, key, -Math.Min(amount, Math.Max(0m, Agent(agentId, key))));
    }

    /// <summary>Takes a booked record back out (so the base is the books before the window's fills).</summary>
    public void Undo(TradeRecord record) =>
        Shift(record.AgentId, new PositionKey(record.InstId, record.PosSide), record.Side.IsClosing() ? record.Amount : -record.Amount);

    public void Apply(TradeRecord record) =>
        Apply(record.AgentId, new PositionKey(record.InstId, record.PosSide), !record.Side.IsClosing(), record.Amount);
}
