namespace Prometheus.Engine.Persistence.Rows;

/// <summary>A named counter that must never go back (table Counters): the clOrdId sequence.</summary>
public sealed class CounterRow
{
    public const string NextClOrdSequence = "NextClOrdSequence";

    public string Name { get; set; } = "";
    public long Value { get; set; }
}
