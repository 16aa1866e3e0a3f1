namespace Prometheus.Engine.Exchange.Simulated.Faults;

/// <summary>What goes wrong with an order request, as it does on a real exchange.</summary>
public enum FaultKind
{
    /// <summary>The order reaches the exchange and is executed, but the answer never comes back (a timeout): outcome unknown.</summary>
    Timeout,
    /// <summary>The exchange answers 5xx without executing: to the client, outcome unknown all the same.</summary>
    ServerError,
    /// <summary>Refused with OKX 50011 (rate limit), nothing executed.</summary>
    RateLimit,
    /// <summary>Refused with OKX 51008 (insufficient balance), nothing executed.</summary>
    Reject,
    /// <summary>A market order fills only a share of its size; the rest is cancelled.</summary>
    PartialFill,
}
