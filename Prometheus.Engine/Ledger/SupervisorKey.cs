namespace Prometheus.Engine.Ledger;

/// <summary>
/// The capability to write the ledgers. Every ledger mutation demands one; the constructor is
/// <c>private protected</c>, so no code outside this assembly can make one, and inside it the only
/// subclass is the Supervisor's private key (a test checks that). Writing is thus the Supervisor's alone,
/// by type and visibility rather than by a runtime role flag.
/// </summary>
public abstract class SupervisorKey
{
    private protected SupervisorKey()
    {
    }

    internal static void Demand(SupervisorKey? key)
    {
        ArgumentNullException.ThrowIfNull(key, nameof(key));
    }
}
