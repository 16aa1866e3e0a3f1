namespace Prometheus.Engine.Exchange;

/// <summary>
/// An exchange call that did not get an answer the engine can use: the exchange unreachable, a circuit breaker open, a
/// reply that is not as documented. The engine never crashes on one: an order whose POST failed this way has an unknown
/// outcome (looked up by clOrdId later), a query is asked again next cycle, a reconciliation runs again later.
/// </summary>
public class ExchangeException : Exception
{
    public ExchangeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Whether the failure means the exchange gave no answer (anything else: it answered in a way the engine cannot use).</summary>
    public virtual bool IsTransient => true;
}
