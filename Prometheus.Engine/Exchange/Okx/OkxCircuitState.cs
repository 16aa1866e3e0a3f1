namespace Prometheus.Engine.Exchange.Okx;

public enum OkxCircuitState
{
    Closed,
    Open,

    /// <summary>The open period is over: one trial call may go through.</summary>
    HalfOpen,
}
