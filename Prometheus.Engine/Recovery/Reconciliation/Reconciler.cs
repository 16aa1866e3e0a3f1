namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// The pure reconciler: books and exchange in (<see cref="ReconciliationInput"/>), report items and corrections out
/// (<see cref="ReconciliationResult"/>). No I/O, no clock, no randomness: the same input gives the same result, in
/// the same order. The coordinator gathers the input and applies the corrections through the Supervisor's normal
/// booking path.
///
/// Invariants (they hold once the corrections of a run are applied; the property tests check them):
/// 1. Aggregates: for each (instrument, posSide), Σ agents' positions + Σ orphan exposure = the exchange's position.
///    The dead normally hold nothing; what they do hold counts, since the exchange holds it.
/// 2. Fills: every exchange fill of the window maps to exactly one booking: its own trade (attributed by clOrdId),
///    or parts "{tradeId}-{agentId}" of an outside close, plus at most one orphan part; the parts add up to the
///    fill's size and fee. No fill is booked twice (bookings are keyed by (instId, trade id)).
/// 3. Public == private: record by record; where they differed the newer record wins on both sides (Full only).
/// 4. Replay changes nothing: every correction carries an id derived from exchange trade ids (or, position-level,
///    from the books' version), so applying it twice books nothing twice; a second run over the corrected books and
///    the same exchange reports nothing new (<see cref="ReconciliationResult.NothingNew"/>).
/// 5. Nothing is assumed: an order without an answer is looked up by clOrdId; what no fill or order explains is
///    booked only when the exchange's history is known to be gone (said so in the report), otherwise it blocks for a
///    person; a booking is never undone automatically.
///
/// Passes, in order: ledger agreement (Full) → orders looked up (all levels) → unknown outcomes (Medium+) → fills
/// replayed and attributed, and the bookings put in an order the ledger can take (Deep+, <see cref="BookingOrder"/>) →
/// positions against the books as they will then stand (Medium+) → stale pending orders (Medium+).
/// </summary>
public static class Reconciler
{
    public static ReconciliationResult Reconcile(ReconciliationInput input, ReconciliationLevel level)
    {
        ArgumentNullException.ThrowIfNull(input);
        var orphans = input.Orphans.GroupBy(o => o.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var findings = new Findings(input.KnownItemIds, orphans);

        var trades = level == ReconciliationLevel.Full ? LedgerAgreement.Check(input.Ledger, findings) : input.Ledger.Trades;
        var ctx = new ReconciliationContext(input, trades);

        var inferred = OrderChecks.Lookups(ctx, findings, level);
        if (level >= ReconciliationLevel.Medium)
            OrderChecks.UnknownOutcomes(ctx, findings);
        if (level >= ReconciliationLevel.Medium)
        {
            var holdings = FillReplay.Now(ctx);
            if (level >= ReconciliationLevel.Deep)
            {
                // The replay attributes the fills; the positions are then checked against the books as they will stand.
                var replayed = FillReplay.Run(ctx, findings, inferred);
                var booksAfter = default(Dictionary<(int, PositionKey), decimal>);
                findings.Reorder(corrections => BookingOrder.Arrange(corrections, ctx, out booksAfter));
                holdings = replayed.WithAgents(booksAfter!);
            }
            PositionCheck.Run(ctx, findings, holdings, level);
            OrderChecks.StaleOrders(ctx, findings, holdings);
        }

        return findings.ToResult(level, new ReconciliationCounts(
            Agents: input.Ledger.Agents.Count,
            Trades: trades.Count,
            Fills: level >= ReconciliationLevel.Deep ? ctx.Fills.Count : 0,
            Positions: input.Exchange.Positions.Count,
            PendingOrders: level >= ReconciliationLevel.Medium ? input.Exchange.PendingOrders.Count : 0,
            JournalEntries: input.Ledger.Journal.Count,
            Lookups: input.Exchange.OrderLookups.Count));
    }
}
