using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Everything a reconciliation reads. Plain data: the coordinator gathers it (the books from the Supervisor, the
/// rest from the exchange and its own store); the reconciler does no I/O and reads no clock.
/// </summary>
/// <param name="Instruments">The instruments reconciled; data on any other instrument is ignored.</param>
/// <param name="Orphans">Orphans recorded by earlier runs, with their status.</param>
/// <param name="KnownItemIds">Ids of the items earlier runs reported (the audit log): found again, they are outstanding, not new.</param>
/// <param name="Marks">Last price per instId: the price of corrections no fill prices (drift after a long outage, a person's choice).</param>
/// <param name="AsOfMs">When the coordinator gathered the data: the timestamp of corrections no fill dates.</param>
public sealed record ReconciliationInput(
    IReadOnlyList<Instrument> Instruments,
    LedgerFacts Ledger,
    ExchangeFacts Exchange,
    IReadOnlyList<OrphanRecord> Orphans,
    IReadOnlySet<string> KnownItemIds,
    IReadOnlyDictionary<string, decimal> Marks,
    long AsOfMs);
