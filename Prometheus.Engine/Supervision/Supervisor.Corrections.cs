using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The doors reconciliation corrects the books through: the same booking step as every fill (so the store writes the
/// trade, the ledger and the agent together, idempotently by exchange trade id), the journal's transition table, and
/// nothing else. Called on the trading loop only.
/// </summary>
public sealed partial class Supervisor
{
    /// <summary>The leverage of swap positions (spot is 1).</summary>
    public decimal SwapLeverage => _options.Risk.SwapLeverage;

    /// <summary>True once a fill no agent owns has arrived since the last <see cref="ForgetUnattributed"/>: reconcile deeply.</summary>
    public bool HasUnattributedFills => _unattributed.Count > 0;

    /// <summary>
    /// Books a confirmed fill to an agent (alive or dead) through the normal booking step: a missing fill, an agent's part
    /// of an outside close, an adopted orphan. Returns false when that (instrument, trade id) was booked already.
    /// </summary>
    /// <exception cref="ArgumentException">The agent does not exist.</exception>
    public bool BookCorrection(int agentId, ExchangeFill fill, TradeOrigin origin, double confidence)
    {
        if (!Agents.TryGetValue(agentId, out var agent))
            throw new ArgumentException($"There is no agent {agentId}.", nameof(agentId));
        if (Ledger.IsBooked(fill.InstId, fill.TradeId))
            return false;
        Book(agent, fill, origin, confidence);
        return true;
    }

    /// <summary>
    /// Settles a journal entry whose outcome was unknown with what the exchange said (null: it never saw the order),
    /// moving it along the transition table and releasing its reservation once it is finished. Its fills are booked
    /// separately. Returns false when the journal has no such open entry.
    /// </summary>
    public bool ResolveJournal(string clOrdId, ExchangeOrder? order) => _desk.Resolve(clOrdId, order);

    /// <summary>Case C: writes <paramref name="winner"/> over the record of the same trade id in the public or the private ledger.</summary>
    public bool RepairRecord(TradeRecord winner, bool inPublic) => _books.Repair(winner, inPublic);

    /// <summary>The unattributed fills have been reconciled (recorded as orphans or booked as outside closes).</summary>
    public void ForgetUnattributed() => _unattributed.Clear();

    /// <summary>Sends an order no agent owns (a person's choice out of a block); its fills come back unattributed.</summary>
    public ValueTask<OrderAck> PlaceOutsideOrderAsync(OrderRequest request, CancellationToken ct = default) =>
        _exchange.PlaceOrderAsync(request, ct);
}
