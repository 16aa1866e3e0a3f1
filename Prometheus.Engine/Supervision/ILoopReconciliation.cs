namespace Prometheus.Engine.Supervision;

/// <summary>
/// What the trading loop asks of reconciliation while it runs: a check after every cycle (reconciliation decides how
/// deep), and whether a discrepancy a person must decide blocks trading.
/// </summary>
public interface ILoopReconciliation
{
    ValueTask AfterCycleAsync(CancellationToken ct);

    bool Blocked { get; }

    string BlockReason { get; }

    /// <summary>The findings, blocks and orphans as they stand, for the read model; called on the loop's thread.</summary>
    ReadModel.ReconciliationReading Read();
}
