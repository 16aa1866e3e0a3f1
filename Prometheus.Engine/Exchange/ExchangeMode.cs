namespace Prometheus.Engine.Exchange;

/// <summary>Which <see cref="IExchange"/> the engine trades on (Prometheus:Exchange:Mode).</summary>
public enum ExchangeMode
{
    /// <summary>The embedded paper exchange: no keys, no network.</summary>
    Simulated,

    /// <summary>The OKX V5 gateway: OKX demo, OKX live (with AllowLive), or an exchange-sim server.</summary>
    Okx,
}
