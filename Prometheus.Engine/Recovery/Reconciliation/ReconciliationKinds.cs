namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>The kinds of report item a reconciliation makes (the <c>kind</c> field), and the case letters (<c>case</c>).</summary>
public static class ReconciliationKinds
{
    /// <summary>Case A: an exchange fill with no booked trade, attributable by clOrdId.</summary>
    public const string MissingFill = "MissingFill";
    /// <summary>A fill, position or order no agent can own.</summary>
    public const string Orphan = "Orphan";
    /// <summary>Case B: a ledger position the exchange closed (liquidation, by hand, an exchange stop).</summary>
    public const string ClosedOutside = "ClosedOutside";
    /// <summary>Case C: public and private ledgers disagree.</summary>
    public const string LedgerMismatch = "LedgerMismatch";
    /// <summary>Case D: the ledger holds one side where the exchange holds the other.</summary>
    public const string DirectionMismatch = "DirectionMismatch";
    /// <summary>An order sent without an answer.</summary>
    public const string UnknownOutcome = "UnknownOutcome";
    /// <summary>A pending order left behind by a position that no longer exists.</summary>
    public const string StaleOrder = "StaleOrder";
    /// <summary>The books hold more than the exchange and no fill says why.</summary>
    public const string PositionDrift = "PositionDrift";
    /// <summary>An exchange order whose filled size or average price differs from what is booked under its clOrdId.</summary>
    public const string OrderMismatch = "OrderMismatch";
    /// <summary>A booked trade inside the fill window the exchange has no fill for.</summary>
    public const string PhantomTrade = "PhantomTrade";

    public const string CaseA = "A", CaseB = "B", CaseC = "C", CaseD = "D", NoCase = "-";
}
