namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// An order POST whose outcome is unknown even after looking the order up by clOrdId (the lookup failed too). It is a
/// <see cref="TimeoutException"/> so the Supervisor journals the order as Unknown and settles it later by clOrdId;
/// the order must not be sent again.
/// </summary>
public sealed class OkxOrderOutcomeUnknownException(string clOrdId, string message, Exception inner)
    : TimeoutException(message, inner)
{
    public string ClOrdId { get; } = clOrdId;
}
