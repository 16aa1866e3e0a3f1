using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Recovery.Reconciliation.ReconciliationIds;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// The aggregate level: for each (instrument, posSide), what the agents hold plus orphan exposure must equal the
/// exchange's position. At Medium a difference only escalates (fills may explain it). From Deep, after the fills were
/// replayed, a difference no fill explains is:
/// - the ledger on one side where the exchange holds the other: a direction mismatch (<see cref="DirectionCheck"/>);
/// - the exchange holding more: an orphan position;
/// - the books holding more: drift. After an outage longer than the exchange keeps fills, the missing close is
///   booked at the position level (orphan exposure first, then the agents pro rata, at the mark) and the report says
///   so; with a complete window nothing should be missing, so the same correction waits for a person (blocked).
/// </summary>
internal static class PositionCheck
{
    public static void Run(ReconciliationContext ctx, Findings findings, Holdings holdings, ReconciliationLevel level)
    {
        var deep = level >= ReconciliationLevel.Deep;
        foreach (var instrument in ctx.Input.Instruments)
        {
            if (deep && instrument.Kind == InstrumentKind.Swap && DirectionCheck.Run(ctx, findings, holdings, instrument))
                continue;
            foreach (var key in ctx.Keys.Where(k => k.InstId == instrument.InstId))
            {
                var exchange = ctx.ExchangeSize(key);
                var book = holdings.AgentTotal(key) + holdings.Orphan(key);
                if (exchange == book)
                    continue;
                var state = $"the exchange holds {Num(exchange)} {key}; the agents hold {Num(holdings.AgentTotal(key))}" +
                    (holdings.Orphan(key) != 0m ? $" and orphans {Num(holdings.Orphan(key))}" : "");
                if (!deep)
                {
                    findings.Escalate = true;
                    findings.Add(new ReconciliationItem($"position-check:{Key(key)}:{Num(exchange)}:{Num(book)}", K.PositionDrift, K.NoCase, null,
                        key.InstId, key.PosSide, state, "escalated to a deep reconciliation, which replays the fills", false));
                }
                else if (exchange > book)
                {
                    Surplus(ctx, findings, holdings, key, exchange - book, $"{state}: no fill in the window explains the difference");
                }
                else
                {
                    Drift(ctx, findings, holdings, key, book - exchange, state);
                }
            }
        }
    }

    private static void Surplus(ReconciliationContext ctx, Findings findings, Holdings holdings, PositionKey key, decimal surplus, string detail)
    {
        var id = $"orphan-position:{Key(key)}:{Num(ctx.ExchangeSize(key))}:{Num(holdings.AgentTotal(key) + holdings.Orphan(key))}";
        holdings.AddOrphan(key, surplus);
        findings.Add(new ReconciliationItem(id, K.Orphan, K.NoCase, null, key.InstId, key.PosSide,
                detail + (ctx.Window.Complete ? "" : " (older fills are no longer kept by the exchange)"),
                $"{Num(surplus)} recorded as an orphan position, booked to nobody: adopt, close or dismiss it", false),
            corrections: PositionCorrections.Orphan(ctx, key, surplus, id, id, "a position no fill explains"));
    }

    private static void Drift(ReconciliationContext ctx, Findings findings, Holdings holdings, PositionKey key, decimal deficit, string state)
    {
        var id = $"drift:{Key(key)}:{Num(ctx.ExchangeSize(key))}:{Num(holdings.AgentTotal(key) + holdings.Orphan(key))}";
        var truncated = !ctx.Window.Complete;
        var note = PositionCorrections.PriceNote(ctx, key);
        var corrections = PositionCorrections.CloseBooks(ctx, holdings, key, deficit, "drift", id, apply: truncated);
        if (truncated)
        {
            findings.Add(new ReconciliationItem(id, K.PositionDrift, K.CaseB, null, key.InstId, key.PosSide,
                    $"{state}: no fill explains the difference; the exchange no longer keeps fills before the window, so it was closed outside then",
                    $"{Num(deficit)} closed in the ledger {note}, pro rata, marked closed outside (position-level: the price is an estimate)", true),
                corrections: [.. corrections]);
            return;
        }
        var choice = new BlockChoice("align-ledger", $"close {Num(deficit)} {key} in the ledger {note}, pro rata among its holders", corrections);
        findings.Add(new ReconciliationItem(id, K.PositionDrift, K.NoCase, null, key.InstId, key.PosSide,
                $"{state}: no fill in a complete window explains the difference",
                "blocked: resume is refused until a person aligns the ledger to the exchange", false),
            blocking: true, corrections: new Block(id, [choice]));
    }
}
