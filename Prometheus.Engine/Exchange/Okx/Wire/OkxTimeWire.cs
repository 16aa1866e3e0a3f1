namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>GET /api/v5/public/time: the server's clock in Unix milliseconds.</summary>
public sealed class OkxTimeWire
{
    public string Ts { get; set; } = "";
}
