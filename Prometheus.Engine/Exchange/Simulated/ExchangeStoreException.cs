namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The simulated exchange's store cannot be opened, read or written: a file that is corrupt, truncated, not a
/// store, or written by a newer version; or a commit that failed. The message names the file.
/// </summary>
public sealed class ExchangeStoreException : Exception
{
    public ExchangeStoreException(string message)
        : base(message)
    {
    }

    public ExchangeStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The store's file (its <see cref="ISimulatedExchangeStore.Location"/>).</summary>
    public string? FilePath { get; init; }
}
