using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// A correction as data: what the coordinator must do, through the Supervisor's normal paths, to make the books agree
/// with the exchange. Every correction names the report item it answers. Ids are derived from exchange trade ids (or
/// from the books' state for position-level corrections), so applying a correction twice books nothing twice.
/// Apply them in list order: bookings are listed in the order the exchange made the fills, except that a close the books
/// could not yet take waits for the same agent's later openings (see BookingOrder).
/// </summary>
public abstract record Correction(string ItemId);

/// <summary>A fill to book to one agent through the normal booking path (idempotent by (instId, Fill.TradeId)).</summary>
public abstract record BookingCorrection(string ItemId, int AgentId, ExchangeFill Fill, TradeOrigin Origin, double Confidence)
    : Correction(ItemId);

/// <summary>
/// Case A: an exchange fill with no booked trade, attributable by clOrdId: book it to its agent as the exchange made
/// it (its price, its fee). Also an inferred fill (trade id "rc-ord…") when the exchange's order reports more filled
/// than the fills that are still kept.
/// </summary>
public sealed record BookFill(string ItemId, int AgentId, ExchangeFill Fill, TradeOrigin Origin, double Confidence)
    : BookingCorrection(ItemId, AgentId, Fill, Origin, Confidence);

/// <summary>
/// Case B: the agent's part of a close made outside Prometheus (liquidation, by hand, an exchange stop), booked as a
/// closing fill: trade id "{tradeId}-{agentId}", the exchange's price, the pro rata fee. With no fill to price it
/// (a drift after a long outage, or a person's choice) the price is the mark and the trade id starts with "rc-".
/// Origin is <see cref="TradeOrigin.Liquidation"/> or <see cref="TradeOrigin.Outside"/>.
/// </summary>
public sealed record CloseOutside(string ItemId, int AgentId, ExchangeFill Fill, TradeOrigin Origin)
    : BookingCorrection(ItemId, AgentId, Fill, Origin, 0);

/// <summary>Keep this orphan (upsert by <see cref="OrphanRecord.Id"/>), show it, and hand it back to later runs.</summary>
public sealed record RecordOrphan(string ItemId, OrphanRecord Orphan) : Correction(ItemId);

/// <summary>Cancel a pending order left behind by a position that no longer exists.</summary>
public sealed record CancelOrder(string ItemId, string InstId, string OrdId, string ClOrdId) : Correction(ItemId);

/// <summary>An order sent without an answer was not looked up: look it up by clOrdId, then reconcile again. Never retry it.</summary>
public sealed record LookUpOrder(string ItemId, string InstId, string ClOrdId) : Correction(ItemId);

/// <summary>
/// Settle a journal entry whose outcome was unknown with what the exchange said: null = it never reached the exchange
/// (Rejected, reservation released); otherwise move the entry to the order's state as the Supervisor's settling does.
/// Its fills are booked by their own <see cref="BookFill"/> corrections.
/// </summary>
public sealed record ResolveUnknown(string ItemId, string ClOrdId, ExchangeOrder? Order) : Correction(ItemId);

/// <summary>Case C: write <see cref="Winner"/> (the newer record) over the record of the same trade id in <see cref="Target"/>.</summary>
public sealed record RepairRecord(string ItemId, TradeRecord Winner, LedgerSide Target) : Correction(ItemId);

/// <summary>Place an order on the exchange (only inside a <see cref="Block"/> choice). Its clOrdId ("rc…") is derived, so the exchange refuses a second one.</summary>
public sealed record PlaceOrder(string ItemId, OrderRequest Request) : Correction(ItemId);

/// <summary>
/// Case D and drift no fill explains: the engine is Blocked; resume is refused until a person picks one of
/// <see cref="Choices"/>, whose corrections the coordinator then applies, after the other corrections of the same run
/// (a choice is computed on the books as those leave them).
/// </summary>
public sealed record Block(string ItemId, IReadOnlyList<BlockChoice> Choices) : Correction(ItemId);

/// <summary>One way out of a block: a name ("align-ledger", "close-exchange", "flatten-both"), what it does, and its corrections.</summary>
public sealed record BlockChoice(string Name, string Description, IReadOnlyList<Correction> Corrections);

/// <summary>Which ledger a repair writes.</summary>
public enum LedgerSide
{
    Public,
    Private,
}
