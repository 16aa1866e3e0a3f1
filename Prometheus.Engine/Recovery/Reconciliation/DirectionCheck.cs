using Prometheus.Engine.Exchange;
using static Prometheus.Engine.Recovery.Reconciliation.ReconciliationIds;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Case D: after the fills were replayed, the agents hold one side of a swap where the exchange holds none of it and
/// holds more of the other side than the books: the ledger is long where the exchange is short (or the reverse).
/// Nothing is guessed: the engine is blocked, and a person picks one of three ways out, each a list of corrections:
/// - align-ledger: the ledger follows the exchange: its positions closed at the mark, the exchange's surplus recorded
///   as an orphan (to adopt, close or dismiss);
/// - close-exchange: the exchange follows the ledger: its surplus recorded as an orphan and closed by a reduce-only
///   order, the ledger's positions opened again by an order (an orphan of minus that amount stands for them until
///   the order fills, so the aggregates hold throughout);
/// - flatten-both: the ledger's positions closed at the mark, the exchange's surplus recorded and closed.
/// </summary>
internal static class DirectionCheck
{
    /// <returns>True when the instrument is in mismatch (its sides are then not checked one by one).</returns>
    public static bool Run(ReconciliationContext ctx, Findings findings, Holdings holdings, Instrument instrument)
    {
        var longKey = new PositionKey(instrument.InstId, PositionSide.Long);
        var shortKey = new PositionKey(instrument.InstId, PositionSide.Short);
        decimal Book(PositionKey k) => holdings.AgentTotal(k) + holdings.Orphan(k);
        bool LedgerOnly(PositionKey ledger, PositionKey exchange) =>
            holdings.AgentTotal(ledger) > 0m && ctx.ExchangeSize(ledger) == 0m && ctx.ExchangeSize(exchange) > Book(exchange);

        PositionKey ledgerKey, exchangeKey;
        if (LedgerOnly(longKey, shortKey)) (ledgerKey, exchangeKey) = (longKey, shortKey);
        else if (LedgerOnly(shortKey, longKey)) (ledgerKey, exchangeKey) = (shortKey, longKey);
        else return false;

        var deficit = Book(ledgerKey);
        var agents = holdings.AgentTotal(ledgerKey);
        var surplus = ctx.ExchangeSize(exchangeKey) - Book(exchangeKey);
        var id = $"direction:{instrument.InstId}:{Num(Book(longKey))}:{Num(Book(shortKey))}:{Num(ctx.ExchangeSize(longKey))}:{Num(ctx.ExchangeSize(shortKey))}";
        var note = PositionCorrections.PriceNote(ctx, ledgerKey);
        string OrphanId(string tag, PositionKey k) => $"orphan-choice:{Key(k)}:{tag}:{ctx.Version}";
        const string surplusWhy = "the exchange's side of a direction mismatch";

        var align = new BlockChoice("align-ledger",
            $"the ledger follows the exchange: close {Num(deficit)} {ledgerKey} in the ledger {note}; record the exchange's {Num(surplus)} {exchangeKey} as an orphan",
            [.. PositionCorrections.CloseBooks(ctx, holdings, ledgerKey, deficit, "align", id, apply: false),
             PositionCorrections.Orphan(ctx, exchangeKey, surplus, OrphanId("align", exchangeKey), id, surplusWhy)]);
        var close = new BlockChoice("close-exchange",
            $"the exchange follows the ledger: close its {Num(surplus)} {exchangeKey} (reduce-only market order) and open {Num(agents)} {ledgerKey} again (market order)",
            [PositionCorrections.Orphan(ctx, exchangeKey, surplus, OrphanId("close", exchangeKey), id, surplusWhy),
             PositionCorrections.Order(ctx, exchangeKey, close: true, surplus, id, "close-exchange"),
             PositionCorrections.Orphan(ctx, ledgerKey, -deficit, OrphanId("reopen", ledgerKey), id, "the ledger's side, owed until the reopening order fills"),
             PositionCorrections.Order(ctx, ledgerKey, close: false, agents, id, "reopen")]);
        var flatten = new BlockChoice("flatten-both",
            $"close {Num(deficit)} {ledgerKey} in the ledger {note} and the exchange's {Num(surplus)} {exchangeKey} (reduce-only market order)",
            [.. PositionCorrections.CloseBooks(ctx, holdings, ledgerKey, deficit, "flatten", id, apply: false),
             PositionCorrections.Orphan(ctx, exchangeKey, surplus, OrphanId("flatten", exchangeKey), id, surplusWhy),
             PositionCorrections.Order(ctx, exchangeKey, close: true, surplus, id, "flatten")]);

        findings.Add(new ReconciliationItem(id, K.DirectionMismatch, K.CaseD, null, instrument.InstId, ledgerKey.PosSide,
                $"the agents hold {Num(agents)} {ledgerKey} where the exchange holds none, and the exchange holds {Num(ctx.ExchangeSize(exchangeKey))} " +
                $"{exchangeKey} where the books hold {Num(Book(exchangeKey))}" + (ctx.Window.Complete ? "" : " (older fills are no longer kept by the exchange)"),
                "blocked: resume is refused until a person chooses to align the ledger to the exchange, close the exchange position, or flatten both", false),
            blocking: true, corrections: new Block(id, [align, close, flatten]));
        return true;
    }
}
