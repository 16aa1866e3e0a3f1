namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// How much a reconciliation checks. Each level does what the one before it does, and more:
/// <list type="table">
/// <item><term>Light</term><description>after each fill: the orders looked up exist with the booked size and price.</description></item>
/// <item><term>Medium</term><description>every 10 fills: also unknown outcomes, pending orders (stale ones cancelled) and the positions
/// against the book, without fills; what only fills can explain is reported and escalates to Deep.</description></item>
/// <item><term>Deep</term><description>every 50 cycles: also every fill of the window attributed and the corrections that follow
/// (missing fills booked, outside closes allocated, orphans recorded, drift corrected or blocked).</description></item>
/// <item><term>Full</term><description>at startup: also the public ledger against the private ledgers record by record.</description></item>
/// </list>
/// </summary>
public enum ReconciliationLevel
{
    Light,
    Medium,
    Deep,
    Full,
}
