using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// What the books say, as plain data: every agent (living and dead) with its open positions, every booked trade
/// (the public ledger's records, in booking order), the private ledgers' records when they are to be compared
/// with the public ones, and the journal's open entries.
/// </summary>
/// <param name="PrivateRecords">The union of the private ledgers' histories; null when public and private are not compared.</param>
public sealed record LedgerFacts(
    IReadOnlyList<LedgerAgent> Agents,
    IReadOnlyList<TradeRecord> Trades,
    IReadOnlyList<TradeRecord>? PrivateRecords,
    IReadOnlyList<JournalEntryState> Journal)
{
    /// <summary>Reads a Supervisor's books as they are in memory (no I/O; call it on the engine loop).</summary>
    public static LedgerFacts From(Supervisor supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return new LedgerFacts(AgentsOf(supervisor), [.. supervisor.Ledger.Records], PrivateRecordsOf(supervisor), JournalOf(supervisor));
    }

    /// <summary>Every agent, living and dead, with its open positions.</summary>
    public static List<LedgerAgent> AgentsOf(Supervisor supervisor)
    {
        var ledger = supervisor.Ledger;
        return [.. supervisor.Agents.Values.OrderBy(a => a.Id).Select(a => new LedgerAgent(a.Id, a.IsAlive,
            ledger.PrivateLedgers.TryGetValue(a.Id, out var book)
                ? [.. book.OpenPositions.Select(p => new LedgerPosition(p.Instrument.InstId, p.Side, p.Amount, p.AveragePrice))]
                : []))];
    }

    /// <summary>The union of the private ledgers' histories, in trade id order.</summary>
    public static List<TradeRecord> PrivateRecordsOf(Supervisor supervisor) =>
        [.. supervisor.Ledger.PrivateLedgers.Values.SelectMany(p => p.History).OrderBy(r => r.TradeId)];

    /// <summary>The journal's open entries, oldest first.</summary>
    public static List<JournalEntryState> JournalOf(Supervisor supervisor) =>
        [.. supervisor.Journal.Open.Select(e => e.Save()).OrderBy(e => e.CreatedMs).ThenBy(e => e.ClOrdId, StringComparer.Ordinal)];
}

/// <summary>One agent as the books know it; <see cref="Alive"/> is false for the dead, who may still hold what their close-out missed.</summary>
public sealed record LedgerAgent(int AgentId, bool Alive, IReadOnlyList<LedgerPosition> Positions);

/// <summary>One open position of an agent's private ledger: amount in the instrument's unit (contracts on swaps).</summary>
public sealed record LedgerPosition(string InstId, PositionSide PosSide, decimal Amount, decimal AveragePrice);
