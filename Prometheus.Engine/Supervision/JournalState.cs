namespace Prometheus.Engine.Supervision;

/// <summary>Where an order stands in the journal. Moves only along <see cref="OrderJournal"/>'s transition table.</summary>
public enum JournalState
{
    Intended,
    Accepted,
    Rejected,
    PartiallyFilled,
    Filled,
    Canceled,
    /// <summary>Sent, and no answer came back (timeout, dropped connection, OKX 50004): look it up by clOrdId, never assume.</summary>
    Unknown,
}
