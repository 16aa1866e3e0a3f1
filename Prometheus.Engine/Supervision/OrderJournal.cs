using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The order journal: every order's intent is written before it is sent, so after a crash every exchange order
/// traces back to its agent. States change only along the transition table; an illegal move throws, because it
/// means the engine misread the exchange. Keeps open orders; finished ones are counted (persistence keeps them all).
/// </summary>
public sealed class OrderJournal
{
    private static readonly Dictionary<JournalState, JournalState[]> Transitions = new()
    {
        [JournalState.Intended] = [JournalState.Accepted, JournalState.Rejected, JournalState.Unknown],
        [JournalState.Unknown] = [JournalState.Accepted, JournalState.Rejected, JournalState.PartiallyFilled, JournalState.Filled, JournalState.Canceled],
        [JournalState.Accepted] = [JournalState.PartiallyFilled, JournalState.Filled, JournalState.Canceled],
        [JournalState.PartiallyFilled] = [JournalState.PartiallyFilled, JournalState.Filled, JournalState.Canceled],
        [JournalState.Rejected] = [],
        [JournalState.Filled] = [],
        [JournalState.Canceled] = [],
    };

    private readonly Dictionary<string, JournalEntry> _open = new(StringComparer.Ordinal);

    public IReadOnlyCollection<JournalEntry> Open => _open.Values;
    public long Written { get; private set; }
    public long Finished { get; private set; }

    public JournalEntry? Find(string clOrdId) => _open.GetValueOrDefault(clOrdId);

    /// <summary>Called after every change to an entry (intent written, state moved): the store journals it durably.</summary>
    internal Action<JournalEntry>? Changed { get; set; }

    internal void Restore(long written, long finished, IEnumerable<JournalEntry> open)
    {
        Written = written;
        Finished = finished;
        _open.Clear();
        foreach (var entry in open) _open[entry.ClOrdId] = entry;
    }

    public JournalEntry Intend(int agentId, string clOrdId, OrderRequest request, TradeOrigin origin, double confidence, long nowMs)
    {
        var entry = new JournalEntry(agentId, clOrdId, request, origin, confidence, nowMs);
        _open.Add(clOrdId, entry);
        Written++;
        Changed?.Invoke(entry);
        return entry;
    }

    public static bool CanMove(JournalState from, JournalState to) => Transitions[from].Contains(to);

    public void Move(string clOrdId, JournalState to, string? ordId = null)
    {
        if (!_open.TryGetValue(clOrdId, out var entry))
            throw new InvalidOperationException($"Order {clOrdId} is not open in the journal.");
        if (!CanMove(entry.State, to))
            throw new InvalidOperationException($"Order {clOrdId} cannot move from {entry.State} to {to}.");
        entry.State = to;
        if (ordId is not null) entry.OrdId = ordId;
        if (to is JournalState.Rejected or JournalState.Filled or JournalState.Canceled)
        {
            _open.Remove(clOrdId);
            Finished++;
        }
        Changed?.Invoke(entry);
    }
}

public sealed class JournalEntry(int agentId, string clOrdId, OrderRequest request, TradeOrigin origin, double confidence, long createdMs)
{
    public static JournalEntry Restore(JournalEntryState s) =>
        new(s.AgentId, s.ClOrdId, s.Request, s.Origin, s.Confidence, s.CreatedMs) { State = s.State, OrdId = s.OrdId };

    public JournalEntryState Save() => new(AgentId, ClOrdId, Request, Origin, Confidence, CreatedMs, State, OrdId);

    public int AgentId { get; } = agentId;
    public string ClOrdId { get; } = clOrdId;
    public OrderRequest Request { get; } = request;
    public TradeOrigin Origin { get; } = origin;
    public double Confidence { get; } = confidence;
    public long CreatedMs { get; } = createdMs;
    public JournalState State { get; internal set; } = JournalState.Intended;
    public string? OrdId { get; internal set; }

    /// <summary>What the fills routed to this order since it was placed add up to (not saved: a restored order is looked up).</summary>
    internal decimal FilledSize { get; set; }
}

/// <summary>A journal entry as plain data.</summary>
public sealed record JournalEntryState(int AgentId, string ClOrdId, OrderRequest Request, TradeOrigin Origin, double Confidence,
    long CreatedMs, JournalState State, string? OrdId);
