using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Rebuilds the engine's state from a full snapshot and the events journalled after it (the trade and funding records
/// are rows of their own, read beside it). Pure: data in, state out.
/// Every event carries the full post-state of what it touched, so applying them in version order is last-write-wins;
/// the Supervisor's counters that events change between checkpoints (births, deaths, next agent id, the journal and
/// its counters, the clOrdId sequence, the Mastermind's pool and decisions) are advanced here the way the engine
/// advanced them. A checkpoint replaces the Supervisor's own state with what it was when captured; a control event, the
/// pause and the risk state.
/// The state's market time (<see cref="EngineSnapshot.TakenAtMs"/>) is that of the last change on disk, whatever its kind
/// (an order journalled, a fill booked, a birth, a death, a checkpoint): a restarted market resumes after that bar, so
/// no bar on which the engine did anything is decided again.
/// </summary>
public static class EngineReplay
{
    public static EngineSnapshot Apply(EngineSnapshot snapshot, IEnumerable<StoredEvent> events, int decisionHistoryCapacity = 1000)
    {
        if (snapshot.IsPartial)
            throw new ArgumentException("A replay starts from a full snapshot.", nameof(snapshot));
        var agents = snapshot.Agents.ToDictionary(a => a.Id);
        var ledgers = snapshot.Ledgers.ToDictionary(l => l.AgentId);
        var fallen = snapshot.Valhalla.ToList();
        var buried = fallen.Select(f => f.Id).ToHashSet();
        var supervisor = snapshot.Supervisor;
        var open = supervisor.OpenOrders.ToDictionary(o => o.ClOrdId, StringComparer.Ordinal);
        var pool = snapshot.Mastermind.Pool;
        var decisionCount = snapshot.Mastermind.DecisionCount;
        var history = new List<AllocationDecision>(snapshot.Mastermind.History);
        var intervention = (snapshot.Mastermind.InterventionMode, snapshot.Mastermind.SpotShare, snapshot.Mastermind.RiskAppetite);
        var takenAt = snapshot.TakenAtMs;
        var lastTradeId = snapshot.LastTradeId;

        void Decide(NumberedDecision d)
        {
            if (d.Number <= decisionCount) return;
            history.Add(d.Decision);
            decisionCount = (int)d.Number;
            pool = d.Decision.PoolAfter;
        }

        foreach (var e in events)
        {
            switch (e.Payload)
            {
                case BookedEvent b:
                    agents[b.Agent.Id] = b.Agent;
                    ledgers[b.Ledger.AgentId] = b.Ledger;
                    lastTradeId = Math.Max(lastTradeId, b.Record.TradeId);
                    takenAt = Math.Max(takenAt, b.Record.TimestampMs);
                    break;
                case FundingEvent f:
                    ledgers[f.Ledger.AgentId] = f.Ledger;
                    takenAt = Math.Max(takenAt, f.Record.FundingTimeMs);
                    if (f.Decision is { } funded) Decide(funded); // a dead agent's share, settled by the pool
                    break;
                case BornEvent b:
                    agents[b.Agent.Id] = b.Agent;
                    ledgers[b.Ledger.AgentId] = b.Ledger;
                    supervisor = supervisor with
                    {
                        NextAgentId = Math.Max(supervisor.NextAgentId, b.Agent.Id + 1),
                        Births = supervisor.Births + (b.Agent.Generation > 0 ? 1 : 0),
                    };
                    Decide(b.Decision);
                    takenAt = Math.Max(takenAt, b.Agent.BornAtMs);
                    break;
                case DiedEvent d:
                    agents[d.Agent.Id] = d.Agent;
                    ledgers[d.Ledger.AgentId] = d.Ledger;
                    if (buried.Add(d.Fallen.Id))
                    {
                        fallen.Add(d.Fallen);
                        supervisor = supervisor with { Deaths = supervisor.Deaths + 1 };
                    }
                    Decide(d.Decision);
                    takenAt = Math.Max(takenAt, d.Fallen.DiedAtMs);
                    break;
                case JournalEvent j:
                    var entry = j.Entry;
                    var terminal = entry.State is JournalState.Filled or JournalState.Canceled or JournalState.Rejected;
                    var known = open.ContainsKey(entry.ClOrdId);
                    if (entry.State == JournalState.Intended && !known)
                        supervisor = supervisor with { JournalWritten = supervisor.JournalWritten + 1 };
                    if (terminal)
                    {
                        if (open.Remove(entry.ClOrdId))
                            supervisor = supervisor with { JournalFinished = supervisor.JournalFinished + 1 };
                    }
                    else
                        open[entry.ClOrdId] = entry;
                    supervisor = supervisor with { NextClOrdSequence = Math.Max(supervisor.NextClOrdSequence, j.NextClOrdSequence) };
                    takenAt = Math.Max(takenAt, entry.CreatedMs);
                    break;
                case CheckpointEvent c:
                    // A checkpoint leaves the risk log out while it is unchanged: it stays as the last save had it.
                    supervisor = c.Supervisor.RiskLog is null ? c.Supervisor with { RiskLog = supervisor.RiskLog } : c.Supervisor;
                    open = c.Supervisor.OpenOrders.ToDictionary(o => o.ClOrdId, StringComparer.Ordinal);
                    foreach (var a in c.Agents) agents[a.Id] = a;
                    foreach (var l in c.Ledgers) ledgers[l.AgentId] = l;
                    foreach (var d in c.NewDecisions) Decide(d);
                    pool = c.Pool;
                    decisionCount = Math.Max(decisionCount, c.DecisionCount);
                    intervention = (c.InterventionMode, c.SpotShare, c.RiskAppetite);
                    takenAt = Math.Max(takenAt, c.TakenAtMs);
                    lastTradeId = Math.Max(lastTradeId, c.LastTradeId);
                    break;
                case ControlEvent c:
                    supervisor = supervisor with { Paused = c.Control.Paused, PauseReason = c.Control.PauseReason, Risk = c.Control.Risk };
                    takenAt = Math.Max(takenAt, c.MarketMs);
                    break;
                default:
                    throw new ArgumentException($"Event {e.Version} has an unknown payload {e.Payload.GetType().Name}.", nameof(events));
            }
        }

        if (history.Count > decisionHistoryCapacity)
            history.RemoveRange(0, history.Count - decisionHistoryCapacity);
        supervisor = supervisor with { OpenOrders = [.. open.Values.OrderBy(o => ClOrdIds.SequenceOf(o.ClOrdId)).ThenBy(o => o.ClOrdId, StringComparer.Ordinal)] };
        return new EngineSnapshot(takenAt, lastTradeId, IsPartial: false, supervisor,
            new MastermindState(pool, decisionCount, history, intervention.InterventionMode, intervention.SpotShare, intervention.RiskAppetite),
            [.. agents.Values.OrderBy(a => a.Id)],
            [.. ledgers.Values.OrderBy(l => l.AgentId)],
            fallen);
    }
}
