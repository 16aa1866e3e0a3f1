namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Where the simulated exchange keeps its state so that it outlives the process, as a real exchange outlives its
/// client. The exchange commits every change before it acknowledges an order or publishes a fill, one
/// <see cref="Commit"/> per operation (see <see cref="SimulatedExchange"/>).
/// Called from the exchange's one thread only; an implementation needs no locks.
/// </summary>
public interface ISimulatedExchangeStore : IDisposable
{
    /// <summary>Where the state is kept (a file path), for messages.</summary>
    string Location { get; }

    /// <summary>The state as last committed, or null when nothing was ever committed.</summary>
    /// <exception cref="ExchangeStoreException">The stored data cannot be read.</exception>
    SimulatedExchangeState? Load();

    /// <summary>
    /// Applies <paramref name="changes"/> atomically (all or nothing) and durably: when this returns, the changes
    /// survive the process being killed. Rows are keyed by their natural ids (ordId, tradeId, ccy,
    /// (instId, posSide), instId) and replace the stored ones. <paramref name="changes"/> is reused by the
    /// exchange: it is valid during the call only.
    /// </summary>
    /// <exception cref="Exception">Anything, when the changes could not be made durable; none of them is then applied.</exception>
    void Commit(SimulatedExchangeChanges changes);
}
