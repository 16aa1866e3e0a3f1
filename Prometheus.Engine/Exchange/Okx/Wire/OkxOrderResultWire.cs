namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>The per-item answer of an order operation (place, batch, cancel, amend): sCode "0" is success.</summary>
public sealed class OkxOrderResultWire
{
    public string ClOrdId { get; set; } = "";

    public string OrdId { get; set; } = "";

    public string ReqId { get; set; } = "";

    public string SCode { get; set; } = "";

    public string SMsg { get; set; } = "";

    public string Tag { get; set; } = "";

    public string Ts { get; set; } = "";
}
