namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine's store cannot be opened, read or written: a file that is truncated, corrupt, not a Prometheus
/// database, or written by a newer version; a data dir it cannot write; no usable snapshot. The message names the
/// file and says what to do; the file is left as it was.
/// </summary>
public sealed class EngineStoreException : Exception
{
    public EngineStoreException(string message)
        : base(message)
    {
    }

    public EngineStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
