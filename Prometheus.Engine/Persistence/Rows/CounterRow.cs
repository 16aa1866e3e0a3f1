namespace Prometheus.Engine.Persistence.Rows;

/// <summary>A named counter (table Counters): the clOrdId sequence, which must never go back; how many trade records were repaired.</summary>
public sealed class CounterRow
{
    public const string NextClOrdSequence = "NextClOrdSequence";

    /// <summary>Raised with each trade record reconciliation repairs in place: the one save that writes no event (see <see cref="StoreFingerprint"/>).</summary>
    public const string TradesRepaired = "TradesRepaired";

    public string Name { get; set; } = "";
    public long Value { get; set; }
}
